package dev.healthaudit.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.healthaudit.sandbox.SandboxFleet;
import dev.healthaudit.sandbox.SandboxSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One run killed (SIGKILL) again and again at points drawn from a seed, while it reads
 * its input, in the middle of chunks and while it writes its reports, restarted each time
 * with the same arguments until it completes: its outputs hold every input account
 * exactly once and every bad row in rejects.csv. The seed is fixed, so that every build
 * draws the same kill points; draw others with {@code -Dkill.seed=<seed>}. A failure
 * names the seed and the kills so far.
 */
class RandomKillPointsIntegrationTests {

	private static final int ACCOUNTS = 300;

	private static final int KILLS = 10;

	/** The first kills strike while the input is read. */
	private static final int READING_KILLS = 2;

	/**
	 * The last kills wait for the report step; the others strike during the audit step.
	 */
	private static final int REPORT_KILLS = 3;

	/** A malformed row after every this many accounts. */
	private static final int BAD_ROW_EVERY = 80;

	private static final long DEFAULT_SEED = 20261128L;

	@TempDir
	Path work;

	private final List<String> kills = new ArrayList<>();

	@Test
	void runKilledAtRandomPointsEndsWithEveryRecordExactlyOnce() throws Exception {
		long seed = Long.getLong("kill.seed", DEFAULT_SEED);
		System.out.println("kill-point seed: " + seed);
		try {
			killAndResume(new Random(seed));
		}
		catch (AssertionError | RuntimeException ex) {
			throw new AssertionError("kill-point seed " + seed + " (replay with -Dkill.seed=" + seed + "), kills "
					+ this.kills + ": " + ex.getMessage(), ex);
		}
	}

	private void killAndResume(Random random) throws Exception {
		List<String> kills = this.kills;
		List<Long> badLines = new ArrayList<>();
		Path input = input(badLines);
		String[] args = { "--sandbox", "--policy=" + Path.of("jobs", "sandbox.yml").toAbsolutePath(),
				"--input=" + input, "--reports-dir=reports", "--audit.data-dir=data", "--audit.sandbox.latency=20ms",
				"--audit.sandbox.slow-probe-delay=10ms", "--audit.sandbox.accounts=" + ACCOUNTS,
				"--audit.progress-interval=200ms", "--audit.chunk-size=64" };
		String runId = null;
		while (kills.size() < KILLS) {
			ChildJvm child = ChildJvm.start(this.work, args);
			boolean report = kills.size() >= KILLS - REPORT_KILLS;
			String started = child.awaitLine(
					(line) -> line.contains("starting run ") || line.contains("resuming unfinished run "),
					Duration.ofSeconds(90));
			String thisRun = started.replaceFirst(".*(starting|resuming unfinished) run (\\S+).*", "$2");
			assertThat(runId).as("every start continues the same run").isIn(null, thisRun);
			runId = thisRun;
			int delay;
			if (report) {
				child.awaitLine((line) -> line.contains("writing the reports of run"), Duration.ofSeconds(120));
				delay = random.nextInt(120);
			}
			else if (kills.size() < READING_KILLS) {
				// while the input is counted and the first records are read
				delay = random.nextInt(400);
			}
			else {
				// spread over the audit step: wait until a random share of the records is
				// done, then a little more,
				// so that kills fall before, between and in the middle of chunk commits
				int slot = kills.size() - READING_KILLS;
				int slots = KILLS - REPORT_KILLS - READING_KILLS;
				long total = records(input);
				long target = (long) (total * (slot + random.nextDouble()) / (slots + 1));
				child.awaitLine((line) -> recordsDone(line) >= target, Duration.ofSeconds(90));
				delay = random.nextInt(400);
			}
			Thread.sleep(delay);
			assertThat(child.alive()).as("still running at the kill point; output:\n" + child.output()).isTrue();
			child.kill();
			kills.add((report ? "report+" : "audit+") + delay + "ms (" + lastProgress(child) + ")");
		}
		System.out.println("kill points: " + kills);

		ChildJvm last = ChildJvm.start(this.work, args);
		assertThat(last.awaitExit(Duration.ofSeconds(120))).as(last.output()).isZero();
		assertThat(last.output()).contains("resuming unfinished run " + runId);

		SandboxFleet fleet = SandboxFleet.of(SandboxSettings.defaults().withAccounts(ACCOUNTS));
		Path reports = this.work.resolve("reports").resolve(runId);
		assertThat(this.work.resolve("reports").resolve("latest").toRealPath()).isEqualTo(reports.toRealPath());
		List<CSVRecord> rows = FaultToleranceIntegrationTests.read(reports.resolve("accounts.csv"));
		Set<String> keys = new HashSet<>();
		rows.forEach((row) -> assertThat(keys.add(row.get("connection_name") + "/" + row.get("identifier")))
			.as("listed once: " + row)
			.isTrue());
		assertThat(rows).hasSize(fleet.accounts().size() + fleet.unknownIdentifiers().size());
		List<CSVRecord> rejects = FaultToleranceIntegrationTests.read(reports.resolve("rejects.csv"));
		assertThat(rejects).hasSize(badLines.size() + fleet.badRows().size());
		assertThat(rejects).extracting((row) -> Long.parseLong(row.get("line")))
			.doesNotHaveDuplicates()
			.containsAll(badLines);
		assertThat(rejects).filteredOn((row) -> badLines.contains(Long.parseLong(row.get("line"))))
			.extracting((row) -> row.get("reason"))
			.allSatisfy((reason) -> assertThat(reason).startsWith("malformed: "));
	}

	/**
	 * The sandbox fleet's input with a malformed row (invalid UTF-8 or a control
	 * character) every few accounts.
	 */
	private Path input(List<Long> badLines) throws IOException {
		Path fleetCsv = this.work.resolve("fleet.csv");
		SandboxFleet.of(SandboxSettings.defaults().withAccounts(ACCOUNTS)).writeInputCsv(fleetCsv);
		List<String> lines = Files.readAllLines(fleetCsv, StandardCharsets.UTF_8);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		long line = 0;
		for (int i = 0; i < lines.size(); i++) {
			out.writeBytes((lines.get(i) + "\r\n").getBytes(StandardCharsets.UTF_8));
			line++;
			if (i > 0 && i % BAD_ROW_EVERY == 0) {
				if ((i / BAD_ROW_EVERY) % 2 == 0) {
					out.writeBytes(
							new byte[] { 'b', (byte) 0xC0, 'd', ',', 'g', 'm', 'a', 'i', 'l', ',', ',', '\r', '\n' });
				}
				else {
					out.writeBytes("\"tab\there\",slack,,\r\n".getBytes(StandardCharsets.UTF_8));
				}
				line++;
				badLines.add(line);
			}
		}
		return Files.write(this.work.resolve("accounts.csv"), out.toByteArray());
	}

	private static final java.util.regex.Pattern RECORDS_DONE = java.util.regex.Pattern.compile("(\\d+)/\\d+ records");

	/** Records done (resumed ones included) on a progress line, or -1. */
	private static long recordsDone(String line) {
		java.util.regex.Matcher matcher = RECORDS_DONE.matcher(line);
		return (line.contains("progress: ") && matcher.find()) ? Long.parseLong(matcher.group(1)) : -1;
	}

	private static long records(Path input) throws IOException {
		try (java.util.stream.Stream<String> lines = Files.lines(input, StandardCharsets.ISO_8859_1)) {
			return lines.count() - 1;
		}
	}

	private static String lastProgress(ChildJvm child) {
		return child.output()
			.lines()
			.filter((line) -> line.contains("progress: ") || line.contains("writing the reports"))
			.reduce((first, second) -> second)
			.map((line) -> line.replaceFirst(".*progress: .*?(\\d+/\\d+ records).*", "$1")
				.replaceFirst(".*(writing the reports).*", "$1"))
			.orElse("before the first progress line");
	}

}
