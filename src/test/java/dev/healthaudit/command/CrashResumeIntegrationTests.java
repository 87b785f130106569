package dev.healthaudit.command;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.healthaudit.sandbox.SandboxFleet;
import dev.healthaudit.sandbox.SandboxSettings;
import dev.healthaudit.support.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGKILL or SIGTERM in the middle of the audit step, then the same command again: the
 * same run resumes, nothing is lost and no committed account is audited again. The
 * application runs in a child JVM so that it really dies.
 */
class CrashResumeIntegrationTests {

	private static final Pattern AUDITED = Pattern.compile("progress: (\\d+) accounts audited");

	private static final Pattern COMMITTED = Pattern.compile("progress: \\d+ accounts audited \\((\\d+) committed\\)");

	@TempDir
	Path work;

	@Test
	void killedRunResumesWithoutLosingOrRepeatingAccounts() throws Exception {
		killAndResume(new Setup(shippedPolicy(), 16, 200, List.of()));
	}

	@Test
	void killedRunResumesOnPostgres() throws Exception {
		killAndResume(new Setup(shippedPolicy(), 16, 200, TestPostgres.newDatabaseArguments()));
	}

	@Test
	void killedRunWith32AccountsInFlightResumesWithoutLosingOrRepeatingAccounts() throws Exception {
		// 32 threads: chunks of 128, so a larger fleet, for two chunks to be committed
		// well before the end
		Path policy = this.work.resolve("sandbox-32.yml");
		String shipped = Files.readString(shippedPolicy(), StandardCharsets.UTF_8);
		assertThat(shipped).contains("concurrency: 16");
		Files.writeString(policy, shipped.replace("concurrency: 16", "concurrency: 32"), StandardCharsets.UTF_8);
		killAndResume(new Setup(policy, 32, 1000, List.of()));
	}

	@Test
	void terminatedRunStopsCleanlyAndResumes() throws Exception {
		Setup setup = new Setup(shippedPolicy(), 16, 200, List.of());
		ChildJvm first = ChildJvm.start(this.work, setup.args());
		String runId = startedRun(first);
		first.awaitLine((line) -> committed(line) >= setup.chunk(), Duration.ofSeconds(60));
		first.terminate();
		int exit = first.awaitExit(Duration.ofSeconds(40));
		assertThat(first.output()).as("exit " + exit).contains("run stopped cleanly");
		assertThat(exit).isNotZero();
		assertThat(this.work.resolve("reports").resolve("latest")).doesNotExist();
		resumeAndCheck(runId, setup);
	}

	/**
	 * Published reports mean a completed run: a SIGTERM while the reports are written
	 * publishes nothing and leaves the run to resume, and the next start audits nothing
	 * again and only writes them. A staging directory left by an earlier crash (thousands
	 * of files, cleared first) keeps the report step busy long enough for the signal to
	 * land inside it.
	 */
	@Test
	void terminatedWhileWritingTheReportsPublishesNothingAndTheNextStartOnlyWritesThem() throws Exception {
		Setup setup = new Setup(shippedPolicy(), 16, 200, List.of());
		ChildJvm first = ChildJvm.start(this.work, setup.args());
		String runId = startedRun(first);
		Path leftover = Files.createDirectories(this.work.resolve("reports").resolve(".staging-" + runId));
		for (int i = 0; i < 20_000; i++) {
			Files.createFile(leftover.resolve("part-" + i));
		}
		assertThat(first.output()).as("the audit outlasts the set-up").doesNotContain("writing the reports of run");
		first.awaitLine((line) -> line.contains("writing the reports of run " + runId), Duration.ofSeconds(90));
		first.terminate();
		int exit = first.awaitExit(Duration.ofSeconds(40));
		assertThat(exit).as(first.output()).isNotZero();
		assertThat(first.output()).contains("run " + runId + " was stopped before its reports were published")
			.contains("run stopped cleanly")
			.doesNotContain("Reports: ");
		Path reports = this.work.resolve("reports");
		assertThat(reports.resolve(runId)).doesNotExist();
		assertThat(reports.resolve("latest")).doesNotExist();
		assertThat(reports.resolve(".staging-" + runId)).doesNotExist();

		ChildJvm second = ChildJvm.start(this.work, setup.args());
		assertThat(second.awaitExit(Duration.ofSeconds(120))).as(second.output()).isZero();
		assertThat(second.output()).contains("resuming unfinished run " + runId)
			.contains("writing the reports of run " + runId)
			.doesNotContain("starting run ");
		assertThat(second.output().lines().mapToInt(CrashResumeIntegrationTests::audited).max().orElse(0))
			.as("every account was stored before the stop")
			.isLessThanOrEqualTo(0);
		checkReports(runId, setup);
	}

	/**
	 * Batch stores a restarted step's execution with an empty context and fills it in
	 * memory: a process killed before that step's first commit must not send the next one
	 * back to the top of the input.
	 */
	@Test
	void resumedRunKilledBeforeItsFirstCommitStillResumesFromTheLastCommittedChunk() throws Exception {
		Setup setup = new Setup(shippedPolicy(), 16, 200, List.of());
		ChildJvm first = ChildJvm.start(this.work, setup.args());
		String runId = startedRun(first);
		first.awaitLine((line) -> committed(line) >= setup.chunk(), Duration.ofSeconds(90));
		first.kill();
		ChildJvm second = ChildJvm.start(this.work, setup.args());
		second.awaitLine((line) -> line.contains("resuming unfinished run " + runId), Duration.ofSeconds(90));
		// killed as soon as its reader has resumed, before the restarted step commits
		// anything
		second.awaitLine((line) -> recordsDone(line) >= setup.chunk(), Duration.ofSeconds(60));
		second.kill();
		assertThat(second.output().lines().mapToInt(CrashResumeIntegrationTests::committed).max().orElse(0))
			.as("the second process was killed before it committed a chunk")
			.isLessThan(setup.chunk());
		resumeAndCheck(runId, setup);
	}

	@Test
	void runKilledInItsSecondPassResumesThereAndAuditsOnlyTheDeferredAccounts() throws Exception {
		Setup setup = new Setup(shippedPolicy(), 16, 200, List.of());
		ChildJvm first = ChildJvm.start(this.work, setup.args());
		String runId = startedRun(first);
		String secondPass = first.awaitLine((line) -> line.contains("second pass, round 1: "), Duration.ofSeconds(90));
		int deferred = Integer.parseInt(secondPass.replaceFirst(".*second pass, round 1: (\\d+) accounts.*", "$1"));
		assertThat(deferred).as("the sandbox's rate-limited and failing providers defer some accounts").isPositive();
		first.kill();

		ChildJvm second = ChildJvm.start(this.work, setup.args());
		assertThat(second.awaitExit(Duration.ofSeconds(120))).as(second.output()).isZero();
		assertThat(second.output()).contains("resuming unfinished run " + runId);
		int auditedAfterRestart = auditedByItself(second);
		assertThat(auditedAfterRestart).as("only the deferred accounts are audited again")
			.isPositive()
			.isLessThanOrEqualTo(deferred);
		checkReports(runId, setup);
	}

	private void killAndResume(Setup setup) throws Exception {
		ChildJvm first = ChildJvm.start(this.work, setup.args());
		String runId = startedRun(first);
		first.awaitLine((line) -> committed(line) >= setup.chunk(), Duration.ofSeconds(90));
		first.kill();
		assertThat(this.work.resolve("reports").resolve("latest")).doesNotExist();
		resumeAndCheck(runId, setup);
	}

	private void resumeAndCheck(String runId, Setup setup) throws Exception {
		ChildJvm second = ChildJvm.start(this.work, setup.args());
		assertThat(second.awaitExit(Duration.ofSeconds(120))).as(second.output()).isZero();
		assertThat(second.output()).contains("resuming unfinished run " + runId);

		SandboxFleet fleet = SandboxFleet.of(SandboxSettings.defaults().withAccounts(setup.accounts()));
		int total = fleet.accounts().size() + fleet.unknownIdentifiers().size();
		int auditedAfterRestart = auditedByItself(second);
		// the first process had finished at least a chunk: its results are committed or
		// journaled
		assertThat(auditedAfterRestart).as("committed accounts are not audited again")
			.isLessThanOrEqualTo(total - setup.chunk())
			.isPositive();
		checkReports(runId, setup);
	}

	/** The run's outputs list every account once and every bad row. */
	private void checkReports(String runId, Setup setup) throws IOException {
		SandboxFleet fleet = SandboxFleet.of(SandboxSettings.defaults().withAccounts(setup.accounts()));
		int total = fleet.accounts().size() + fleet.unknownIdentifiers().size();
		Path reports = this.work.resolve("reports").resolve(runId);
		assertThat(this.work.resolve("reports").resolve("latest").toRealPath()).isEqualTo(reports.toRealPath());
		List<CSVRecord> rows = read(reports.resolve("accounts.csv"));
		Set<String> keys = new HashSet<>();
		rows.forEach((row) -> assertThat(keys.add(row.get("connection_name") + "/" + row.get("identifier")))
			.as("listed once: " + row)
			.isTrue());
		assertThat(rows).hasSize(total);
		assertThat(read(reports.resolve("rejects.csv"))).hasSize(fleet.badRows().size());
	}

	private static Path shippedPolicy() {
		return Path.of("jobs", "sandbox.yml").toAbsolutePath();
	}

	private static String startedRun(ChildJvm child) throws InterruptedException {
		String started = child.awaitLine((line) -> line.contains("starting run "), Duration.ofSeconds(90));
		return started.substring(started.indexOf("starting run ") + 13).split(" ")[0];
	}

	private static final Pattern DONE = Pattern.compile("progress: .*, (\\d+)/\\d+ records");

	private static int recordsDone(String line) {
		Matcher matcher = DONE.matcher(line);
		return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
	}

	private static final Pattern JOURNALED = Pattern
		.compile("(\\d+) accounts audited before the restart were journaled");

	/**
	 * Accounts a restarted process audited itself: its progress counts the results
	 * journaled by the process before it as done from the start.
	 */
	private static int auditedByItself(ChildJvm process) {
		String output = process.output();
		Matcher journaled = JOURNALED.matcher(output);
		int recovered = journaled.find() ? Integer.parseInt(journaled.group(1)) : 0;
		return output.lines().mapToInt(CrashResumeIntegrationTests::audited).max().orElse(0) - recovered;
	}

	private static int committed(String line) {
		Matcher matcher = COMMITTED.matcher(line);
		return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
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

	private record Setup(Path policy, int concurrency, int accounts, List<String> database) {

		/** Four accounts per thread, so that a small fleet makes several chunks. */
		int chunk() {
			return 4 * this.concurrency;
		}

		String[] args() {
			List<String> args = new ArrayList<>(List.of("--sandbox", "--policy=" + this.policy, "--reports-dir=reports",
					"--audit.data-dir=data", "--audit.sandbox.latency=20ms", "--audit.sandbox.slow-probe-delay=10ms",
					"--audit.sandbox.accounts=" + this.accounts, "--audit.progress-interval=100ms",
					"--audit.chunk-size=" + chunk()));
			args.addAll(this.database);
			return args.toArray(String[]::new);
		}

	}

}
