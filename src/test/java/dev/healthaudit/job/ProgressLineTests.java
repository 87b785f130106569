package dev.healthaudit.job;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressLineTests {

	@Test
	void logLineShowsDoneOfTotalRateEtaWaitsAndRetries() {
		Map<String, Duration> waits = new LinkedHashMap<>();
		waits.put("scalekit", Duration.ofMillis(12_340));
		waits.put("gmail", Duration.ZERO);
		ProgressLine line = new ProgressLine(1000, 800, 0, 2000, OptionalLong.of(10_000), Duration.ofSeconds(10), waits,
				7);
		assertThat(line.logLine())
			.isEqualTo("progress: 1000 accounts audited (800 committed), 0 rejected, " + "2000/10000 records (20.0%), "
					+ "100.0 accounts/s, ETA 1m20s, rate-limit waits scalekit=12.3s gmail=0.0s, 7 retries");
	}

	@Test
	void withoutATotalThereIsNoEta() {
		ProgressLine line = new ProgressLine(5, 5, 1, 6, OptionalLong.empty(), Duration.ofSeconds(2), Map.of(), 0);
		assertThat(line.logLine())
			.startsWith("progress: 5 accounts audited (5 committed), 1 rejected, 6 records done, 2.5 accounts/s,")
			.doesNotContain("ETA");
		assertThat(line.bar()).doesNotContain("[");
	}

	@Test
	void barFillsWithTheShareDone() {
		ProgressLine line = new ProgressLine(50, 0, 0, 50, OptionalLong.of(100), Duration.ofSeconds(5), Map.of(), 0);
		assertThat(line.bar()).startsWith("[" + "#".repeat(15) + ".".repeat(15) + "] 50/100 records (50.0%) | 10.0/s");
	}

	@Test
	void progressCountsFinishedAuditsBeforeAnyChunkIsCommitted() {
		java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse("2026-11-28T00:00:10Z"),
				java.time.ZoneOffset.UTC);
		Progress progress = new Progress(clock, Duration.ofSeconds(10),
				new ProgressInputs(OptionalLong.of(100), () -> 0, Map::of), null);
		for (int i = 0; i < 7; i++) {
			progress.finishedOne();
		}
		assertThat(progress.snapshot().logLine())
			.startsWith("progress: 7 accounts audited (0 committed), 0 rejected, " + "7/100 records (7.0%)");
		progress.recorded(7, 1);
		assertThat(progress.snapshot().logLine())
			.startsWith("progress: 7 accounts audited (7 committed), 1 rejected, " + "8/100 records");
	}

	@Test
	void longEtasReadAsHoursAndMinutes() {
		assertThat(ProgressLine.duration(59)).isEqualTo("59s");
		assertThat(ProgressLine.duration(61)).isEqualTo("1m01s");
		assertThat(ProgressLine.duration(7322)).isEqualTo("2h02m");
	}

}
