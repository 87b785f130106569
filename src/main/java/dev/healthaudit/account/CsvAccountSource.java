package dev.healthaudit.account;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import dev.healthaudit.account.CsvRecordReader.RawRecord;

/**
 * Accounts from a CSV file: RFC 4180, UTF-8 (a BOM is skipped), header names
 * case-insensitive, {@code connector} and {@code connection} accepted for
 * {@code connection_name}. Every other column is carried through, except one named like
 * an output column ({@link ColumnNames#passThrough}).
 *
 * <p>
 * A bad header stops the run ({@link InvalidInputException}); a bad record never does: it
 * becomes a {@link RejectedInput} with its line and a {@code malformed: ...} reason, and
 * reading goes on ({@link CsvRecordReader}). Bytes that are not UTF-8 are decoded as
 * U+FFFD so that one bad row cannot end the read, and a record containing U+FFFD is
 * rejected as {@code malformed: invalid UTF-8} (a genuine U+FFFD in the input is rejected
 * too: it is almost always the trace of an earlier bad conversion). Blank lines are
 * records that are skipped, so that positions stay exact; every record knows the line it
 * starts on, quoted line breaks included.
 */
public final class CsvAccountSource implements AccountSource {

	private final Path file;

	private final Predicate<String> knownConnection;

	private final CsvRecordReader reader;

	private final int identifierColumn;

	private final int connectionColumn;

	private final Map<Integer, String> extraColumns = new LinkedHashMap<>();

	private final List<String> droppedColumns;

	private long position;

	/**
	 * Opens {@code file} and reads its header.
	 * @param knownConnection which connection names the policy knows; others are rejected
	 * @throws InvalidInputException when the file is not a regular file, cannot be read,
	 * or its header is missing, malformed, lacks a required column or names a column
	 * twice
	 */
	public CsvAccountSource(Path file, Predicate<String> knownConnection) {
		this.file = file;
		this.knownConnection = knownConnection;
		requireRegularFile(file);
		try {
			this.reader = new CsvRecordReader(new InputStreamReader(Files.newInputStream(file),
					StandardCharsets.UTF_8.newDecoder()
						.onMalformedInput(CodingErrorAction.REPLACE)
						.onUnmappableCharacter(CodingErrorAction.REPLACE)));
		}
		catch (NoSuchFileException ex) {
			throw new InvalidInputException(file + ": file not found");
		}
		catch (AccessDeniedException ex) {
			throw new InvalidInputException(file + ": cannot open: permission denied");
		}
		catch (IOException ex) {
			throw new InvalidInputException(file + ": cannot open: " + ex.getMessage());
		}
		try {
			List<String> header = readHeader();
			String where = file + " line 1";
			ColumnNames.requireDistinct(header, where);
			this.identifierColumn = ColumnNames.find(header, ColumnNames.IDENTIFIER, "identifier", where);
			this.connectionColumn = ColumnNames.find(header, ColumnNames.CONNECTION, "connection_name", where);
			ColumnNames.PassThrough passThrough = ColumnNames.passThrough(header, this.identifierColumn,
					this.connectionColumn);
			this.extraColumns.putAll(passThrough.columns());
			this.droppedColumns = passThrough.dropped();
		}
		catch (RuntimeException ex) {
			closeQuietly();
			throw ex;
		}
	}

	/**
	 * Only a regular file (or a symbolic link to one) is read: the job reads its input
	 * more than once (a count before the audit, the audit, a resume), which a pipe
	 * ({@code <(...)}, a FIFO) cannot give, and opening a FIFO nobody writes to, or a
	 * device, would block or never end. Checked before opening, because the opening
	 * itself blocks.
	 */
	private static void requireRegularFile(Path file) {
		if (Files.isRegularFile(file)) {
			return;
		}
		if (!Files.exists(file)) {
			throw new InvalidInputException(file + ": file not found");
		}
		if (Files.isDirectory(file)) {
			throw new InvalidInputException(file + ": is a directory, not a CSV file");
		}
		throw new InvalidInputException(file + ": is not a regular file (a pipe, a device or a socket); give the "
				+ "path of a CSV file, which the job reads more than once");
	}

	private List<String> readHeader() {
		RawRecord record = read().orElseThrow(() -> new InvalidInputException(
				this.file + ": empty file, expected a header with identifier and connection_name columns"));
		if (record.problem().isPresent()) {
			throw new InvalidInputException(this.file + " line 1: the header is " + record.problem().get());
		}
		List<String> header = new ArrayList<>();
		for (String name : record.fields()) {
			header.add(name.strip());
		}
		return header;
	}

	@Override
	public List<String> droppedColumns() {
		return this.droppedColumns;
	}

	@Override
	public List<String> extraColumns() {
		return List.copyOf(this.extraColumns.values());
	}

	@Override
	public Optional<InputRecord> next() {
		while (true) {
			Optional<RawRecord> read = read();
			if (read.isEmpty()) {
				return Optional.empty();
			}
			this.position++;
			RawRecord record = read.get();
			if (record.isBlank()) {
				continue;
			}
			if (record.problem().isPresent()) {
				return Optional.of(new RejectedInput(record.line(), record.problem().get(), record.raw()));
			}
			return Optional.of(toInput(record));
		}
	}

	private Optional<RawRecord> read() {
		try {
			return this.reader.next();
		}
		catch (IOException ex) {
			// the file itself became unreadable (disk, NFS): not a row problem, the job
			// fails and can resume
			throw new UncheckedIOException(this.file + " line " + this.reader.nextLine() + ": cannot read", ex);
		}
	}

	private InputRecord toInput(RawRecord record) {
		Map<String, String> extras = new LinkedHashMap<>();
		this.extraColumns.forEach((index, name) -> extras.put(name, value(record, index)));
		return InputRecords.of(record.line(), value(record, this.identifierColumn),
				value(record, this.connectionColumn), extras, record.raw(), this.knownConnection);
	}

	private static String value(RawRecord record, int index) {
		return (index < record.fields().size()) ? record.fields().get(index) : "";
	}

	@Override
	public long position() {
		return this.position;
	}

	@Override
	public void close() {
		try {
			this.reader.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void closeQuietly() {
		try {
			this.reader.close();
		}
		catch (IOException ex) {
			// already failing with the more useful message
		}
	}

}
