package dev.healthaudit.command;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Results are durable within seconds of their audit, whatever the chunk's pace (product
 * §6, issue 12): a run whose only chunk holds the whole fleet, killed hard well into it,
 * audits again only the accounts in flight.
 */
class DurableResultsIntegrationTests {

	private static final Pattern PROGRESS = Pattern
		.compile("^(\\S+) .*progress: (\\d+) accounts audited \\((\\d+) committed\\)");

	private static final Pattern JOURNALED = Pattern
		.compile("(\\d+) accounts audited before the restart were journaled");

	private static final int ACCOUNTS = 300;

	@TempDir
	Path work;

	@Test
	void aKillRepeatsOnlyTheAccountsInFlightNotThoseFinishedSecondsBefore() throws Exception {
		String[] args = { "--sandbox", "--policy=" + Path.of("jobs", "sandbox.yml").toAbsolutePath(),
				"--reports-dir=reports", "--audit.data-dir=data", "--audit.sandbox.latency=300ms",
				"--audit.sandbox.slow-probe-delay=1s", "--audit.sandbox.accounts=" + ACCOUNTS,
				"--audit.progress-interval=200ms", "--audit.chunk-size=2000" };
		ChildJvm first = ChildJvm.start(this.work, args);
		first.awaitLine((line) -> audited(line) >= 200, Duration.ofSeconds(120));
		Instant killedAt = Instant.now();
		first.kill();

		List<Progress> before = progress(first.output());
		assertThat(before).as("one chunk holds the fleet: nothing was committed when it was killed")
			.allSatisfy((line) -> assertThat(line.committed()).isZero());
		assertThat(before).as("progress counts finished audits from the first line on: nothing is committed yet")
			.anySatisfy((line) -> assertThat(line.audited()).isPositive());
		long finishedLongBefore = before.stream()
			.filter((line) -> !line.at().isAfter(killedAt.minusSeconds(5)))
			.mapToLong(Progress::audited)
			.max()
			.orElse(0);
		assertThat(finishedLongBefore).as("accounts finished more than 5 s before the kill").isGreaterThan(20);

		ChildJvm second = ChildJvm.start(this.work, args);
		assertThat(second.awaitExit(Duration.ofSeconds(180))).as(second.output()).isZero();
		Matcher journaled = JOURNALED.matcher(second.output());
		assertThat(journaled.find()).as(second.output()).isTrue();
		SandboxFleet fleet = SandboxFleet.of(SandboxSettings.defaults().withAccounts(ACCOUNTS));
		int total = fleet.accounts().size() + fleet.unknownIdentifiers().size();
		// progress counts the journaled accounts as done from the start
		long auditedAgain = progress(second.output()).stream().mapToLong(Progress::audited).max().orElse(0)
				- Long.parseLong(journaled.group(1));
		assertThat(auditedAgain).as("accounts audited by the second process")
			.isPositive()
			.isLessThanOrEqualTo(total - finishedLongBefore);

		List<CSVRecord> rows = read(this.work.resolve("reports").resolve("latest").resolve("accounts.csv"));
		Set<String> keys = new HashSet<>();
		rows.forEach((row) -> assertThat(keys.add(row.get("connection_name") + "/" + row.get("identifier")))
			.as("listed once: " + row)
			.isTrue());
		assertThat(rows).hasSize(total);
	}

	private static long audited(String line) {
		Matcher matcher = PROGRESS.matcher(line);
		return matcher.find() ? Long.parseLong(matcher.group(2)) : -1;
	}

	private static List<Progress> progress(String output) {
		return output.lines()
			.map(PROGRESS::matcher)
			.filter(Matcher::find)
			.map((matcher) -> new Progress(OffsetDateTime.parse(matcher.group(1)).toInstant(),
					Long.parseLong(matcher.group(2)), Long.parseLong(matcher.group(3))))
			.toList();
	}

	private static List<CSVRecord> read(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
		}
	}

	private record Progress(Instant at, long audited, long committed) {
	}

}
