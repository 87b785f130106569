package dev.healthaudit.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * One CSV output file: UTF-8 without BOM, RFC 4180 (CRLF), a header row, every cell made
 * {@link CsvCells#safe}.
 */
final class CsvTable implements AutoCloseable {

	private final CSVPrinter printer;

	private final int columns;

	private long rows;

	private CsvTable(Writer writer, List<String> header) throws IOException {
		this.printer = CSVFormat.RFC4180.builder().get().print(writer);
		this.columns = header.size();
		this.printer.printRecord(header.stream().map(CsvCells::safe).toList());
	}

	static CsvTable create(Path file, List<String> header) {
		return open(file, header, false);
	}

	/**
	 * Creates the file readable and writable by its owner only, before any byte is
	 * written.
	 */
	static CsvTable createPrivate(Path file, List<String> header) {
		return open(file, header, true);
	}

	private static CsvTable open(Path file, List<String> header, boolean ownerOnly) {
		try {
			Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
			FileAttribute<?>[] attributes = (ownerOnly && posix())
					? new FileAttribute<?>[] { PosixFilePermissions
						.asFileAttribute(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)) }
					: new FileAttribute<?>[0];
			Writer writer = new BufferedWriter(
					new OutputStreamWriter(Channels.newOutputStream(Files.newByteChannel(file, options, attributes)),
							StandardCharsets.UTF_8),
					1 << 16);
			return new CsvTable(writer, header);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + file, ex);
		}
	}

	private static boolean posix() {
		return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
	}

	void row(List<String> values) {
		if (values.size() != this.columns) {
			throw new IllegalArgumentException("expected " + this.columns + " cells, got " + values.size());
		}
		List<String> cells = new ArrayList<>(values.size());
		for (String value : values) {
			cells.add(CsvCells.safe(value));
		}
		try {
			this.printer.printRecord(cells);
			this.rows++;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	long rows() {
		return this.rows;
	}

	@Override
	public void close() {
		try {
			this.printer.close(true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
