package dev.healthaudit.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * A hostile input file through the whole job: every bad row lands in rejects.csv with its line and reason, the run
 * completes, identifiers built to break things (markup, formulas, paths) are audited without escaping their cells or
 * the reports directory, and an input that is mostly rejects is refused before anything is audited.
 */
class HostileInputIntegrationTests {

	@TempDir
	Path work;

	@Test
	void badRowsAreRejectedOneByOneAndNothingEscapesTheReportsDirectory() throws IOException {
		List<SandboxAccount> real = SandboxFleet.of(SandboxSettings.defaults().withAccounts(40)).accounts().subList(0, 8);
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
		// lines 13-17: identifiers that are markup, formulas and paths: audited (unknown to the sandbox: NOT_FOUND)
		text(file, "<img src=x onerror=alert(1)>,gmail,\r\n");
		text(file, "\"=HYPERLINK(\"\"http://evil\"\")\",slack,\r\n");
		text(file, "../../../../tmp/escaped,github,\r\n");
		text(file, "..\\..\\escaped,outlook,\r\n");
		text(file, "/etc/passwd,gmail,\r\n");
		for (int i = 4; i < 8; i++) {
			text(file, real.get(i).identifier() + "," + real.get(i).connector() + ",plain\r\n");
		}
		// line 22: an unterminated quote takes the rest of the file as one rejected record
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
		Path input = Files.writeString(this.work.resolve("wrong.csv"), "identifier,connection_name\n"
				+ "u1,gmail\n" + ",gmail\n" + "u3,notion\n" + "u4,jira\n", StandardCharsets.UTF_8);
		AuditApp.Result result = AuditApp.run("--sandbox", "--input=" + input,
				"--reports-dir=" + this.work.resolve("reports"), "--audit.data-dir=" + this.work.resolve("data"));
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).contains(input + ": 3 of 4 input records (75 %) are rejected, more than "
				+ "audit.max-reject-share allows (50 %)")
			.contains("line 3 empty_identifier; line 4 unknown_connection: notion; line 5 unknown_connection: jira")
			.doesNotContain("starting run");
		assertThat(this.work.resolve("reports")).doesNotExist();
	}

	private static void text(ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

}
