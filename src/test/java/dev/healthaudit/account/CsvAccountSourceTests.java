package dev.healthaudit.account;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CsvAccountSourceTests {

	@TempDir
	Path directory;

	@Test
	void readsAccountsWithTheirLinesAndCarriesExtraColumns() throws IOException {
		Path file = write("Email,IDENTIFIER,Connection_Name,user_id\r\n" + "a@x.io,a@x.io,gmail,u1\r\n"
				+ "\"b\nmultiline\",b@x.io,slack,u2\r\n" + "\r\n" + "c@x.io,c@x.io,gmail,u3\r\n");
		List<InputRecord> records = readAll(file);
		assertThat(records).hasSize(3);
		AccountRef first = (AccountRef) records.get(0);
		assertThat(first.connectionName()).isEqualTo("gmail");
		assertThat(first.line()).isEqualTo(2);
		assertThat(first.extras()).containsExactly(java.util.Map.entry("Email", "a@x.io"),
				java.util.Map.entry("user_id", "u1"));
		assertThat(records.get(1).line()).isEqualTo(3);
		assertThat(records.get(2).line()).isEqualTo(6);
	}

	@Test
	void acceptsConnectorAsConnectionNameAndSkipsBom() throws IOException {
		Path file = write("\uFEFFidentifier,connector\nu1,gmail\n");
		assertThat(readAll(file)).singleElement().isEqualTo(new AccountRef("gmail", "u1", 2, java.util.Map.of()));
	}

	@Test
	void rejectsEmptyFieldsAndUnknownConnections() throws IOException {
		Path file = write("identifier,connection_name\n,gmail\nu2,\nu3,notion\n");
		assertThat(readAll(file)).containsExactly(new RejectedInput(2, "empty_identifier", ",gmail"),
				new RejectedInput(3, "empty_connection_name", "u2,"),
				new RejectedInput(4, "unknown_connection: notion", "u3,notion"));
	}

	@Test
	void missingColumnNamesFileAndLine() throws IOException {
		Path file = write("identifier,email\nu1,x\n");
		assertThatThrownBy(() -> new CsvAccountSource(file, (name) -> true)).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining(file.toString())
			.hasMessageContaining("line 1")
			.hasMessageContaining("connection_name");
	}

	@Test
	void emptyFileIsAClearError() throws IOException {
		Path file = write("");
		assertThatThrownBy(() -> new CsvAccountSource(file, (name) -> true)).hasMessageContaining("empty file");
	}

	@Test
	void skipResumesAtTheSavedPosition() throws IOException {
		Path file = write("identifier,connection_name\nu1,gmail\nu2,gmail\nu3,gmail\n");
		try (CsvAccountSource source = new CsvAccountSource(file, (name) -> true)) {
			source.skip(2);
			assertThat(source.next()).get().extracting(InputRecord::line).isEqualTo(4L);
			assertThat(source.position()).isEqualTo(3);
		}
	}

	@Test
	void crlfQuotedLineBreaksAndBomKeepTrueLineNumbers() throws IOException {
		Path file = write(
				"\uFEFFidentifier,connection_name,note\r\nu1,gmail,\"two\r\nlines\"\r\nu2,gmail,\"a\rb\nc\"\r\nu3,gmail,x");
		List<InputRecord> records = readAll(file);
		assertThat(records).extracting(InputRecord::line).containsExactly(2L, 4L, 7L);
		assertThat(((AccountRef) records.get(0)).extras()).containsEntry("note", "two\r\nlines");
	}

	@Test
	void invalidUtf8RejectsOnlyItsRow() throws IOException {
		Path file = this.directory.resolve("accounts.csv");
		byte[] bad = { 'u', '2', (byte) 0xC3, (byte) 0x28, ',', 'g', 'm', 'a', 'i', 'l', '\n' };
		Files.write(file, concat("identifier,connection_name\nu1,gmail\n".getBytes(StandardCharsets.UTF_8), bad,
				"u3,gmail\n".getBytes(StandardCharsets.UTF_8)));
		List<InputRecord> records = readAll(file);
		assertThat(records).hasSize(3);
		assertThat(records.get(1)).isInstanceOfSatisfying(RejectedInput.class, (rejected) -> {
			assertThat(rejected.line()).isEqualTo(3);
			assertThat(rejected.reason()).isEqualTo("malformed: invalid UTF-8");
		});
		assertThat(records.get(2)).isEqualTo(new AccountRef("gmail", "u3", 4, java.util.Map.of()));
	}

	@Test
	void fieldOfOneMegabyteRejectsItsRowWithBoundedRaw() throws IOException {
		String huge = "x".repeat(1 << 20);
		Path file = write("identifier,connection_name\n" + huge + ",gmail\nu2,gmail\n");
		List<InputRecord> records = readAll(file);
		assertThat(records.get(0)).isInstanceOfSatisfying(RejectedInput.class, (rejected) -> {
			assertThat(rejected.reason()).isEqualTo("malformed: field longer than 65536 characters");
			assertThat(rejected.raw()).hasSizeLessThanOrEqualTo(CsvRecordReader.MAX_RAW_LENGTH);
		});
		assertThat(records.get(1)).isEqualTo(new AccountRef("gmail", "u2", 3, java.util.Map.of()));
	}

	@Test
	void strayQuotesRejectTheirRowAndReadingGoesOn() throws IOException {
		Path file = write("identifier,connection_name\nu\"1,gmail\n\"u2\"x,gmail\nu3,gmail\n");
		assertThat(readAll(file)).extracting((record) -> record.line() + " " + describe(record))
			.containsExactly("2 malformed: quote inside an unquoted field", "3 malformed: text after a closing quote",
					"4 u3");
	}

	@Test
	void unterminatedQuoteAtTheEndRejectsTheRestAsOneRecord() throws IOException {
		Path file = write("identifier,connection_name\nu1,gmail\n\"u2,gmail\nu3,gmail\nu4,gmail\n");
		List<InputRecord> records = readAll(file);
		assertThat(records).extracting((record) -> record.line() + " " + describe(record))
			.containsExactly("2 u1", "3 malformed: unterminated quote");
		assertThat(((RejectedInput) records.get(1)).raw()).startsWith("\"u2,gmail\nu3,gmail");
	}

	@Test
	void controlCharactersInAnIdentifierRejectTheRowButMarkupAndPathsAreAudited() throws IOException {
		Path file = write("identifier,connection_name\n\"bell\u0007\",gmail\n\"new\nline\",gmail\n"
				+ "<script>alert(1)</script>,gmail\n\"=HYPERLINK(\"\"x\"\")\",gmail\n../../etc/passwd,gmail\n");
		assertThat(readAll(file)).extracting((record) -> record.line() + " " + describe(record))
			.containsExactly("2 malformed: control character U+0007 in identifier or connection name",
					"3 malformed: control character U+000A in identifier or connection name",
					"5 <script>alert(1)</script>", "6 =HYPERLINK(\"x\")", "7 ../../etc/passwd");
	}

	@Test
	void duplicatedOrMissingHeadersAreClearErrors() throws IOException {
		Path duplicated = write("identifier,connection_name,Email,email\nu1,gmail,a,b\n");
		assertThatThrownBy(() -> new CsvAccountSource(duplicated, (name) -> true))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("line 1")
			.hasMessageContaining("'email' appears twice");
		Path blankFirstLine = write("\nidentifier,connection_name\n");
		assertThatThrownBy(() -> new CsvAccountSource(blankFirstLine, (name) -> true))
			.hasMessageContaining("missing column 'identifier'");
		Path brokenHeader = write("identifier,\"connection_name\nu1,gmail\n");
		assertThatThrownBy(() -> new CsvAccountSource(brokenHeader, (name) -> true))
			.hasMessageContaining("the header is malformed: unterminated quote");
	}

	@Test
	void columnsNamedLikeAnOutputColumnOrALinkAreNotCarried() throws IOException {
		// reauth-campaign.csv fed back as input: its links must not reach accounts.csv
		Path file = write("connection_name,identifier,reason,user_message,Authorization_Link,link_expires_at,"
				+ "ACCOUNT_ID,email\ngmail,a@x.io,EXPIRED,Please,https://link/secret,2026-01-01T00:00:00Z,ca_1,a@x.io\n");
		try (CsvAccountSource source = new CsvAccountSource(file, (name) -> true)) {
			assertThat(source.extraColumns()).containsExactly("email");
			assertThat(source.droppedColumns()).containsExactly("reason", "user_message", "Authorization_Link",
					"link_expires_at", "ACCOUNT_ID");
			assertThat(source.next()).get()
				.isEqualTo(new AccountRef("gmail", "a@x.io", 2, java.util.Map.of("email", "a@x.io")));
		}
	}

	@Test
	void aDirectoryIsRefusedBeforeOpening() throws IOException {
		Path folder = Files.createDirectory(this.directory.resolve("folder.csv"));
		assertThatThrownBy(() -> new CsvAccountSource(folder, (name) -> true)).isInstanceOf(InvalidInputException.class)
			.hasMessage(folder + ": is a directory, not a CSV file");
	}

	@Test
	void aFifoIsRefusedWithoutWaitingForAWriter() throws Exception {
		Path fifo = this.directory.resolve("fifo.csv");
		Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
		assumeTrue(mkfifo.waitFor() == 0, "mkfifo is available");
		// opening a FIFO blocks until someone writes: the check must come first
		assertTimeoutPreemptively(Duration.ofSeconds(10),
				() -> assertThatThrownBy(() -> new CsvAccountSource(fifo, (name) -> true))
					.isInstanceOf(InvalidInputException.class)
					.hasMessageStartingWith(fifo + ": is not a regular file (a pipe, a device or a socket)"));
	}

	@Test
	void aDeviceIsRefused() {
		Path device = Path.of("/dev/zero");
		assumeTrue(Files.exists(device));
		assertThatThrownBy(() -> new CsvAccountSource(device, (name) -> true)).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("is not a regular file");
	}

	@Test
	void aSymbolicLinkToAFileIsFollowed() throws IOException {
		Path target = write("identifier,connection_name\nu1,gmail\n");
		Path link = Files.createSymbolicLink(this.directory.resolve("link.csv"), target);
		try (CsvAccountSource source = new CsvAccountSource(link, (name) -> true)) {
			assertThat(source.next()).get().isEqualTo(new AccountRef("gmail", "u1", 2, java.util.Map.of()));
		}
	}

	@Test
	void aMissingColumnNeverQuotesTheHeader() throws IOException {
		// what the first line of /etc/shadow looks like: a file given by mistake (or on
		// purpose) must not be echoed
		Path secret = write("root:$6$Pq8sTBrQ$SECRETHASHSECRETHASH:19700:0:99999:7:::\n");
		Path link = Files.createSymbolicLink(this.directory.resolve("shadow.csv"), secret);
		assertThatThrownBy(() -> new CsvAccountSource(link, (name) -> true)).isInstanceOf(InvalidInputException.class)
			.hasMessage(link + " line 1: missing column 'identifier' (accepted names: identifier; the header has 1 "
					+ "column)");
	}

	@Test
	void headerErrorsQuoteAShortEscapedExcerpt() throws IOException {
		// 50 KB of header names, and a name with an escape sequence and a line break that
		// would forge a log line
		String forged = "\"x\u001B[2J\n2026-01-01 INFO all good " + "y".repeat(200) + "\"";
		String filler = String.join(",",
				java.util.stream.IntStream.range(0, 500).mapToObj((i) -> "c" + i + "x".repeat(100)).toList());
		Path file = write(
				"identifier,connection_name," + forged + "," + filler + "," + forged.toUpperCase() + "\nu1,gmail\n");
		assertThatThrownBy(() -> new CsvAccountSource(file, (name) -> true)).isInstanceOf(InvalidInputException.class)
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(file.toString().length() + 200)
				.doesNotContain("\u001B")
				.doesNotContain("\n")
				.contains("X\\u001B[2J\\u000A2026-01-01 INFO ALL GOOD")
				.contains("appears twice"));
	}

	private static String describe(InputRecord record) {
		return (record instanceof RejectedInput rejected) ? rejected.reason() : ((AccountRef) record).identifier();
	}

	private static byte[] concat(byte[]... parts) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private List<InputRecord> readAll(Path file) {
		List<InputRecord> records = new ArrayList<>();
		try (CsvAccountSource source = new CsvAccountSource(file, Set.of("gmail", "slack")::contains)) {
			source.next().ifPresent(records::add);
			while (true) {
				var next = source.next();
				if (next.isEmpty()) {
					break;
				}
				records.add(next.get());
			}
		}
		return records;
	}

	private Path write(String content) throws IOException {
		Path file = this.directory.resolve("accounts.csv");
		Files.writeString(file, content, StandardCharsets.UTF_8);
		return file;
	}

}
