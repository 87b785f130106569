package dev.healthaudit.account;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Accounts from a CSV file: RFC 4180, UTF-8 (a BOM is skipped), header names case-insensitive, {@code connector} and
 * {@code connection} accepted for {@code connection_name}. Every other column is carried through.
 *
 * <p>
 * Blank lines are read as records and skipped, so that the parser's line count stays exact and every record knows
 * the line it starts on, quoted line breaks included.
 */
public final class CsvAccountSource implements AccountSource {

	private final Path file;

	private final Predicate<String> knownConnection;

	private final CSVParser parser;

	private final Iterator<CSVRecord> records;

	private final int identifierColumn;

	private final int connectionColumn;

	private final Map<Integer, String> extraColumns = new LinkedHashMap<>();

	private long position;

	private long nextStartLine = 2;

	/**
	 * Opens {@code file} and reads its header.
	 * @param knownConnection which connection names the policy knows; others are rejected
	 * @throws InvalidInputException when the file cannot be read or lacks a required column
	 */
	public CsvAccountSource(Path file, Predicate<String> knownConnection) {
		this.file = file;
		this.knownConnection = knownConnection;
		try {
			Reader reader = new java.io.InputStreamReader(Files.newInputStream(file),
					StandardCharsets.UTF_8.newDecoder()
						.onMalformedInput(CodingErrorAction.REPORT)
						.onUnmappableCharacter(CodingErrorAction.REPORT));
			this.parser = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get().parse(reader);
			this.records = this.parser.iterator();
			List<String> header = readHeader();
			String where = file + " line 1";
			this.identifierColumn = ColumnNames.find(header, ColumnNames.IDENTIFIER, "identifier", where);
			this.connectionColumn = ColumnNames.find(header, ColumnNames.CONNECTION, "connection_name", where);
			for (int i = 0; i < header.size(); i++) {
				if (i != this.identifierColumn && i != this.connectionColumn) {
					this.extraColumns.put(i, header.get(i));
				}
			}
		}
		catch (NoSuchFileException ex) {
			throw new InvalidInputException(file + ": file not found");
		}
		catch (IOException | UncheckedIOException ex) {
			throw new InvalidInputException(file + " line 1: cannot read header: " + rootMessage(ex), ex);
		}
	}

	private List<String> readHeader() {
		if (!this.records.hasNext()) {
			throw new InvalidInputException(this.file + ": empty file, expected a header with identifier and "
					+ "connection_name columns");
		}
		List<String> header = new ArrayList<>();
		for (String name : this.records.next().values()) {
			String trimmed = name.strip();
			if (header.isEmpty() && trimmed.startsWith("\uFEFF")) {
				trimmed = trimmed.substring(1);
			}
			header.add(trimmed);
		}
		this.nextStartLine = this.parser.getCurrentLineNumber() + 1;
		return header;
	}

	@Override
	public List<String> extraColumns() {
		return List.copyOf(this.extraColumns.values());
	}

	@Override
	public Optional<InputRecord> next() {
		while (true) {
			CSVRecord record;
			long line = this.nextStartLine;
			try {
				if (!this.records.hasNext()) {
					return Optional.empty();
				}
				record = this.records.next();
			}
			catch (UncheckedIOException | IllegalStateException ex) {
				throw new InvalidInputException(this.file + " line " + line + ": malformed CSV: " + rootMessage(ex),
						ex);
			}
			this.nextStartLine = this.parser.getCurrentLineNumber() + 1;
			this.position++;
			if (record.size() == 1 && record.get(0).isBlank()) {
				continue;
			}
			return Optional.of(toInput(record, line));
		}
	}

	private InputRecord toInput(CSVRecord record, long line) {
		Map<String, String> extras = new LinkedHashMap<>();
		this.extraColumns.forEach((index, name) -> extras.put(name, value(record, index)));
		return InputRecords.of(line, value(record, this.identifierColumn), value(record, this.connectionColumn),
				extras, CSVFormat.RFC4180.format(record.values()), this.knownConnection);
	}

	private static String value(CSVRecord record, int index) {
		return (index < record.size()) ? record.get(index) : "";
	}

	@Override
	public long position() {
		return this.position;
	}

	@Override
	public void close() {
		try {
			this.parser.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

}
