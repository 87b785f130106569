package dev.healthaudit.command;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.healthaudit.job.AuditJob;
import dev.healthaudit.sandbox.SandboxFleet;
import dev.healthaudit.sandbox.SandboxSettings;

import static org.assertj.core.api.Assertions.assertThat;

/** SIGKILL in the middle of the audit step, then the same command again: the same run resumes, nothing lost. */
class CrashResumeIntegrationTests {

	private static final Pattern AUDITED = Pattern.compile("progress: (\\d+) accounts audited");

	@TempDir
	Path work;

	@Test
	void killedRunResumesWithoutLosingOrRepeatingAccounts() throws Exception {
		killAndResume(Path.of("jobs", "sandbox.yml").toAbsolutePath(), 16, 200);
	}

	@Test
	void killedRunWith32AccountsInFlightResumesWithoutLosingOrRepeatingAccounts() throws Exception {
		// 32 threads: chunks of 128, so a larger fleet, for two chunks to be committed well before the end
		Path policy = this.work.resolve("sandbox-32.yml");
		String shipped = Files.readString(Path.of("jobs", "sandbox.yml"), StandardCharsets.UTF_8);
		assertThat(shipped).contains("concurrency: 16");
		Files.writeString(policy, shipped.replace("concurrency: 16", "concurrency: 32"), StandardCharsets.UTF_8);
		killAndResume(policy, 32, 1000);
	}

	private void killAndResume(Path policy, int concurrency, int accounts) throws Exception {
		String[] args = { "--sandbox", "--policy=" + policy, "--reports-dir=reports", "--audit.data-dir=data",
				"--audit.sandbox.latency=20ms", "--audit.sandbox.slow-probe-delay=10ms",
				"--audit.sandbox.accounts=" + accounts, "--audit.progress-interval=100ms" };
		int chunk = AuditJob.chunkSize(concurrency);
		ChildJvm first = ChildJvm.start(this.work, args);
		String started = first.awaitLine((line) -> line.contains("starting run "), Duration.ofSeconds(90));
		String runId = started.substring(started.indexOf("starting run ") + 13).split(" ")[0];
		// progress is counted as chunks are written; two chunks written means the first one is committed
		first.awaitLine((line) -> audited(line) >= 2 * chunk, Duration.ofSeconds(90));
		first.kill();
		assertThat(this.work.resolve("reports").resolve("latest")).doesNotExist();

		ChildJvm second = ChildJvm.start(this.work, args);
		assertThat(second.awaitExit(Duration.ofSeconds(120))).as(second.output()).isZero();
		assertThat(second.output()).contains("resuming unfinished run " + runId);

		SandboxFleet fleet = SandboxFleet.of(SandboxSettings.defaults().withAccounts(accounts));
		int total = fleet.accounts().size() + fleet.unknownIdentifiers().size();
		int auditedAfterRestart = second.output().lines().mapToInt(CrashResumeIntegrationTests::audited).max().orElse(0);
		// progress counts a chunk once written, before its commit: of the two seen, the first one is committed
		assertThat(auditedAfterRestart).as("committed accounts are not audited again")
			.isLessThanOrEqualTo(total - chunk)
			.isPositive();

		Path reports = this.work.resolve("reports").resolve(runId);
		assertThat(this.work.resolve("reports").resolve("latest").toRealPath()).isEqualTo(reports.toRealPath());
		List<CSVRecord> rows = read(reports.resolve("accounts.csv"));
		Set<String> keys = new HashSet<>();
		rows.forEach((row) -> assertThat(keys.add(row.get("connection_name") + "/" + row.get("identifier")))
			.as("listed once: " + row)
			.isTrue());
		assertThat(rows).hasSize(total);
		assertThat(read(reports.resolve("rejects.csv"))).isEmpty();
	}

	private static int audited(String line) {
		Matcher matcher = AUDITED.matcher(line);
		return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
	}

	private static List<CSVRecord> read(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
		}
	}

}
