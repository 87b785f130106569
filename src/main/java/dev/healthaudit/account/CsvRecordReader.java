package dev.healthaudit.account;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Splits RFC 4180 text into records, one at a time, and keeps going after a malformed
 * one. Written by hand rather than with Commons CSV because a reader of untrusted files
 * must bound what it holds (a field, a record's raw text, the number of fields) and must
 * be able to reject one record and carry on; a general-purpose parser buffers a field of
 * any length (an unterminated quote near the start of a 1 GB file is one 1 GB field) and
 * gives up after its first error.
 *
 * <p>
 * Lenient where RFC 4180 is silent: LF, CRLF and a bare CR all end a record, outside
 * quotes; a field may be quoted or not. Problems make the record malformed (never the
 * whole file): a quote inside an unquoted field, text after a closing quote, a field
 * longer than the limit, too many fields, U+FFFD (what the lenient decoder puts where
 * bytes were not UTF-8), and an unterminated quote, which takes the rest of the file as
 * its one record.
 */
final class CsvRecordReader implements AutoCloseable {

	/** Fields longer than this make a record malformed; their excess is not kept. */
	static final int MAX_FIELD_LENGTH = 65_536;

	/** More fields than this make a record malformed. */
	static final int MAX_FIELDS = 1_024;

	/**
	 * How much of a record's text {@code raw} keeps (rejects.csv cells are cut shorter
	 * still).
	 */
	static final int MAX_RAW_LENGTH = 4_096;

	private static final int EOF = -1;

	private final Reader reader;

	private final char[] buffer = new char[8192];

	private int position;

	private int limit;

	/** The line the next character is on (the first line is 1). */
	private long line = 1;

	private boolean started;

	CsvRecordReader(Reader reader) {
		this.reader = reader;
	}

	/** The line on which the next record starts. */
	long nextLine() {
		return this.line;
	}

	/** The next record, or empty at the end of the input. */
	Optional<RawRecord> next() throws IOException {
		if (!this.started) {
			this.started = true;
			if (peek() == '\uFEFF') {
				read();
			}
		}
		if (peek() == EOF) {
			return Optional.empty();
		}
		return Optional.of(record());
	}

	private RawRecord record() throws IOException {
		long startLine = this.line;
		RecordBuilder record = new RecordBuilder();
		while (true) {
			int c = read();
			if (c == EOF) {
				return record.end(startLine);
			}
			if (isLineEnd(c)) {
				consumeLineEnd(c);
				return record.end(startLine);
			}
			record.raw(c);
			if (c == ',') {
				record.endField();
			}
			else if (c == '"' && record.fieldIsEmpty() && !record.fieldQuoted()) {
				if (!quoted(record)) {
					return record.malformed("unterminated quote").end(startLine);
				}
			}
			else if (record.fieldQuoted()) {
				record.problem("text after a closing quote");
				record.append(c);
			}
			else {
				if (c == '"') {
					record.problem("quote inside an unquoted field");
				}
				record.append(c);
			}
		}
	}

	/**
	 * Reads a quoted field's content up to its closing quote; false when the input ended
	 * first.
	 */
	private boolean quoted(RecordBuilder record) throws IOException {
		record.quoteField();
		while (true) {
			int c = read();
			if (c == EOF) {
				return false;
			}
			record.raw(c);
			if (c == '"') {
				if (peek() != '"') {
					return true;
				}
				record.raw(read());
				record.append('"');
				continue;
			}
			// quoted line breaks count as lines, so that later records keep their true
			// line numbers
			if (c == '\n' || (c == '\r' && peek() != '\n')) {
				this.line++;
			}
			record.append(c);
		}
	}

	private static boolean isLineEnd(int c) {
		return c == '\n' || c == '\r';
	}

	private void consumeLineEnd(int c) throws IOException {
		if (c == '\r' && peek() == '\n') {
			read();
		}
		this.line++;
	}

	private int peek() throws IOException {
		if (this.position == this.limit && !fill()) {
			return EOF;
		}
		return this.buffer[this.position];
	}

	private int read() throws IOException {
		if (this.position == this.limit && !fill()) {
			return EOF;
		}
		return this.buffer[this.position++];
	}

	private boolean fill() throws IOException {
		int read = this.reader.read(this.buffer, 0, this.buffer.length);
		if (read <= 0) {
			return false;
		}
		this.position = 0;
		this.limit = read;
		return true;
	}

	@Override
	public void close() throws IOException {
		this.reader.close();
	}

	/**
	 * One record as read.
	 *
	 * @param line the line it starts on
	 * @param fields its fields (empty strings for empty fields)
	 * @param raw its text, without the line break, cut at {@value #MAX_RAW_LENGTH}
	 * characters
	 * @param problem why it is malformed, when it is
	 */
	record RawRecord(long line, List<String> fields, String raw, Optional<String> problem) {

		boolean isBlank() {
			return this.problem.isEmpty() && this.fields.size() == 1 && this.fields.get(0).isBlank();
		}

	}

	private static final class RecordBuilder {

		private final List<String> fields = new ArrayList<>();

		private final StringBuilder field = new StringBuilder();

		private final StringBuilder raw = new StringBuilder();

		private boolean quoted;

		private @Nullable String problem;

		private boolean replacementCharacter;

		private boolean fieldTooLong;

		void raw(int c) {
			if (this.raw.length() < MAX_RAW_LENGTH) {
				this.raw.append((char) c);
			}
		}

		void append(int c) {
			if (c == '\uFFFD') {
				this.replacementCharacter = true;
			}
			if (this.field.length() < MAX_FIELD_LENGTH) {
				this.field.append((char) c);
			}
			else {
				this.fieldTooLong = true;
			}
		}

		boolean fieldIsEmpty() {
			return this.field.isEmpty();
		}

		boolean fieldQuoted() {
			return this.quoted;
		}

		void quoteField() {
			this.quoted = true;
		}

		void endField() {
			if (this.fields.size() < MAX_FIELDS) {
				this.fields.add(this.field.toString());
			}
			else {
				problem("more than " + MAX_FIELDS + " fields");
			}
			this.field.setLength(0);
			this.quoted = false;
		}

		void problem(String problem) {
			if (this.problem == null) {
				this.problem = problem;
			}
		}

		RecordBuilder malformed(String problem) {
			this.problem = problem;
			return this;
		}

		RawRecord end(long line) {
			endField();
			String found = this.problem;
			if (found == null && this.fieldTooLong) {
				found = "field longer than " + MAX_FIELD_LENGTH + " characters";
			}
			if (found == null && this.replacementCharacter) {
				found = "invalid UTF-8";
			}
			return new RawRecord(line, List.copyOf(this.fields), this.raw.toString(),
					Optional.ofNullable(found).map((text) -> "malformed: " + text));
		}

	}

}
