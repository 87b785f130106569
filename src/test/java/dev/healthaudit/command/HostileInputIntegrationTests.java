package dev.healthaudit.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.healthaudit.sandbox.SandboxAccount;
import dev.healthaudit.sandbox.SandboxFleet;
import dev.healthaudit.sandbox.SandboxSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A hostile input file through the whole job: every bad row lands in rejects.csv with its
 * line and reason, the run completes, identifiers built to break things (markup,
 * formulas, paths) are audited without escaping their cells or the reports directory, and
 * an input that is mostly rejects is refused before anything is audited.
 */
class HostileInputIntegrationTests {

	@TempDir
	Path work;

	@Test
	void badRowsAreRejectedOneByOneAndNothingEscapesTheReportsDirectory() throws IOException {
		List<SandboxAccount> real = SandboxFleet.of(SandboxSettings.defaults().withAccounts(40))
			.accounts()
			.subList(0, 8);
		ByteArrayOutputStream file = new ByteArrayOutputStream();
		text(file, "\uFEFFidentifier,connection_name,note\r\n");
		for (int i = 0; i < 4; i++) {
			text(file, real.get(i).identifier() + "," + real.get(i).connector() + ",\"quoted\r\nline break\"\r\n");
		}
		// line 10: a row with a byte sequence that is not UTF-8
		file.writeBytes(new byte[] { 'b', 'a', 'd', (byte) 0xFF, ',', 'g', 'm', 'a', 'i', 'l', '\r', '\n' });
		// line 11: a 1 MB field
		text(file, "x".repeat(1 << 20) + ",gmail,\r\n");
		// line 12: a control character inside an identifier
		text(file, "\"esc\u001B[31m\",gmail,\r\n");
		// lines 13-17: identifiers that are markup, formulas and paths: audited (unknown
		// to the sandbox: NOT_FOUND)
		text(file, "<img src=x onerror=alert(1)>,gmail,\r\n");
		text(file, "\"=HYPERLINK(\"\"http://evil\"\")\",slack,\r\n");
		text(file, "../../../../tmp/escaped,github,\r\n");
		text(file, "..\\..\\escaped,outlook,\r\n");
		text(file, "/etc/passwd,gmail,\r\n");
		for (int i = 4; i < 8; i++) {
			text(file, real.get(i).identifier() + "," + real.get(i).connector() + ",plain\r\n");
		}
		// line 22: an unterminated quote takes the rest of the file as one rejected
		// record
		text(file, "\"never closed,gmail,\r\nstill,inside,\r\n");
		Path input = Files.write(this.work.resolve("hostile.csv"), file.toByteArray());

		AuditApp.Result result = AuditApp.run("--sandbox", "--input=" + input, "--audit.sandbox.accounts=40",
				"--reports-dir=" + this.work.resolve("reports"), "--audit.data-dir=" + this.work.resolve("data"));

		assertThat(result.exitCode()).as(result.output()).isZero();
		Path latest = this.work.resolve("reports").resolve("latest");
		List<CSVRecord> accounts = FaultToleranceIntegrationTests.read(latest.resolve("accounts.csv"));
		List<CSVRecord> rejects = FaultToleranceIntegrationTests.read(latest.resolve("rejects.csv"));
		assertThat(rejects).extracting((row) -> row.get("line") + " " + row.get("reason"))
			.containsExactly("10 malformed: invalid UTF-8", "11 malformed: field longer than 65536 characters",
					"12 malformed: control character U+001B in identifier or connection name",
					"22 malformed: unterminated quote");
		assertThat(rejects).allSatisfy((row) -> assertThat(row.get("raw")).hasSizeLessThanOrEqualTo(1024));
		Map<String, String> healthByIdentifier = accounts.stream()
			.collect(Collectors.toMap((row) -> row.get("identifier"), (row) -> row.get("health")));
		assertThat(accounts).hasSize(13);
		real.forEach((account) -> assertThat(healthByIdentifier).containsKey(account.identifier()));
		assertThat(healthByIdentifier).containsEntry("<img src=x onerror=alert(1)>", "NOT_FOUND")
			.containsEntry("'=HYPERLINK(\"http://evil\")", "NOT_FOUND")
			.containsEntry("../../../../tmp/escaped", "NOT_FOUND")
			.containsEntry("..\\..\\escaped", "NOT_FOUND")
			.containsEntry("/etc/passwd", "NOT_FOUND");
		assertThat(accounts).filteredOn((row) -> row.get("note").startsWith("quoted"))
			.hasSize(4)
			.allSatisfy((row) -> assertThat(row.get("note")).isEqualTo("quoted\r\nline break"));

		String html = Files.readString(latest.resolve("report.html"));
		assertThat(html).doesNotContain("<img src=x");
		try (Stream<Path> everything = Files.walk(this.work)) {
			Path reports = this.work.resolve("reports").toRealPath();
			List<Path> written = everything.filter(Files::isRegularFile)
				.filter((path) -> !path.startsWith(this.work.resolve("data")) && !path.equals(input))
				.toList();
			assertThat(written).isNotEmpty()
				.allSatisfy((path) -> assertThat(path.toRealPath()).startsWith(reports))
				.noneSatisfy((path) -> assertThat(path.getFileName().toString()).contains("escaped"));
		}
		assertThat(Path.of("/tmp/escaped")).doesNotExist();
	}

	@Test
	void inputThatIsMostlyRejectsIsRefusedBeforeAnythingIsAudited() throws IOException {
		Path input = Files.writeString(this.work.resolve("wrong.csv"),
				"identifier,connection_name\n" + "u1,gmail\n" + ",gmail\n" + "u3,notion\n" + "u4,jira\n",
				StandardCharsets.UTF_8);
		AuditApp.Result result = AuditApp.run("--sandbox", "--input=" + input,
				"--reports-dir=" + this.work.resolve("reports"), "--audit.data-dir=" + this.work.resolve("data"));
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output())
			.contains(input + ": 3 of 4 input records (75 %) are rejected, more than "
					+ "audit.max-reject-share allows (50 %)")
			.contains("line 3 empty_identifier; line 4 unknown_connection: notion; line 5 unknown_connection: jira")
			.doesNotContain("starting run");
		assertThat(this.work.resolve("reports")).doesNotExist();
	}

	@Test
	void inputThatIsNotARegularFileIsRefusedWithOneLineAndExitTwo() throws Exception {
		Path directory = Files.createDirectory(this.work.resolve("accounts.csv"));
		Path fifo = this.work.resolve("fifo.csv");
		Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
		assumeTrue(mkfifo.waitFor() == 0, "mkfifo is available");
		Map<Path, String> expected = Map.of(directory, ": is a directory, not a CSV file", fifo,
				": is not a regular file (a pipe, a device or a socket); give the path of a CSV file, which the job "
						+ "reads more than once",
				Path.of("/dev/null"), ": is not a regular file (a pipe, a device or a socket)");
		for (Map.Entry<Path, String> input : expected.entrySet()) {
			// a FIFO nobody writes to would block the run for ever if it were opened
			AuditApp.Result result = assertTimeoutPreemptively(Duration.ofSeconds(60),
					() -> AuditApp.run("--sandbox", "--input=" + input.getKey(),
							"--reports-dir=" + this.work.resolve("reports"),
							"--audit.data-dir=" + this.work.resolve("data")));
			assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
			assertThat(result.output()).contains(input.getKey() + input.getValue())
				.doesNotContain("\tat ")
				.doesNotContain("Exception")
				.doesNotContain("starting run");
		}
		assertThat(this.work.resolve("reports")).doesNotExist();
	}

	@Test
	void inputLinkedToASecretFileNeverShowsItsContent() throws IOException {
		Path secret = Files.writeString(this.work.resolve("shadow"),
				"root:$6$Pq8sTBrQ$SECRETHASHSECRETHASH:19700:0:99999:7:::\nuser:x:1\n");
		Path input = Files.createSymbolicLink(this.work.resolve("accounts.csv"), secret);

		AuditApp.Result result = AuditApp.run("--sandbox", "--input=" + input,
				"--reports-dir=" + this.work.resolve("reports"), "--audit.data-dir=" + this.work.resolve("data"));

		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).contains(input + " line 1: missing column 'identifier'")
			.doesNotContain("SECRETHASH")
			.doesNotContain("root:");
	}

	@Test
	void hugeOrForgedHeaderNamesAreQuotedAsShortEscapedExcerpts() throws IOException {
		String forged = "\"x\u001B[2J\n2026-01-01 00:00:00 INFO run completed\"";
		String filler = String.join(",",
				java.util.stream.IntStream.range(0, 600).mapToObj((i) -> "c" + i + "x".repeat(100)).toList());
		Path input = Files.writeString(this.work.resolve("wide.csv"),
				"identifier,connection_name," + forged + "," + filler + "," + forged + "\nu1,gmail\n");
		assertThat(Files.size(input)).isGreaterThan(60_000);

		AuditApp.Result result = AuditApp.run("--sandbox", "--input=" + input,
				"--reports-dir=" + this.work.resolve("reports"), "--audit.data-dir=" + this.work.resolve("data"));

		assertThat(result.exitCode()).isEqualTo(2);
		String line = result.output()
			.lines()
			.filter((each) -> each.contains(input + " line 1"))
			.findFirst()
			.orElseThrow();
		assertThat(line).hasSizeLessThan(input.toString().length() + 300)
			.contains("column 'x\\u001B[2J\\u000A2026-01-01 00:00:00 INFO run completed' appears twice");
		assertThat(result.output()).doesNotContain("\u001B").doesNotContain("c599x");
		assertThat(result.output().lines().filter((each) -> each.startsWith("2026-01-01 00:00:00 INFO"))).isEmpty();
	}

	@Test
	void controlCharactersInCarriedColumnsReachNoCsvRaw() throws IOException {
		SandboxAccount account = SandboxFleet.of(SandboxSettings.defaults().withAccounts(40)).accounts().get(0);
		Path input = Files.writeString(this.work.resolve("nul.csv"), "identifier,connection_name,\"no\u0000te\u001B\"\n"
				+ account.identifier() + "," + account.connector() + ",\"a\u0000b\u001B[31mc\u007F\"\n");

		AuditApp.Result result = AuditApp.run("--sandbox", "--input=" + input, "--audit.sandbox.accounts=40",
				"--reports-dir=" + this.work.resolve("reports"), "--audit.data-dir=" + this.work.resolve("data"));

		assertThat(result.exitCode()).as(result.output()).isZero();
		Path latest = this.work.resolve("reports").resolve("latest");
		List<CSVRecord> rows = FaultToleranceIntegrationTests.read(latest.resolve("accounts.csv"));
		assertThat(rows).singleElement()
			.satisfies((row) -> assertThat(row.get("no\u2400te\u241B")).isEqualTo("a\u2400b\u241B[31mc\u2421"));
		try (Stream<Path> files = Files.list(latest)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".csv")).toList()) {
				assertThat(Files.readString(file)).as(file.toString())
					.doesNotContain("\u0000")
					.doesNotContain("\u001B")
					.doesNotContain("\u007F");
			}
		}
	}

	private static void text(ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

}
