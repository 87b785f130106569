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
		ProgressLine line = new ProgressLine(1000, 0, 2000, OptionalLong.of(10_000), Duration.ofSeconds(10), waits, 7);
		assertThat(line.logLine()).isEqualTo("progress: 1000 accounts audited, 0 rejected, 2000/10000 records (20.0%), "
				+ "100.0 accounts/s, ETA 1m20s, rate-limit waits scalekit=12.3s gmail=0.0s, 7 retries");
	}

	@Test
	void withoutATotalThereIsNoEta() {
		ProgressLine line = new ProgressLine(5, 1, 6, OptionalLong.empty(), Duration.ofSeconds(2), Map.of(), 0);
		assertThat(line.logLine()).startsWith("progress: 5 accounts audited, 1 rejected, 6 records done, 2.5 accounts/s,")
			.doesNotContain("ETA");
		assertThat(line.bar()).doesNotContain("[");
	}

	@Test
	void barFillsWithTheShareDone() {
		ProgressLine line = new ProgressLine(50, 0, 50, OptionalLong.of(100), Duration.ofSeconds(5), Map.of(), 0);
		assertThat(line.bar()).startsWith("[" + "#".repeat(15) + ".".repeat(15) + "] 50/100 records (50.0%) | 10.0/s");
	}

	@Test
	void longEtasReadAsHoursAndMinutes() {
		assertThat(ProgressLine.duration(59)).isEqualTo("59s");
		assertThat(ProgressLine.duration(61)).isEqualTo("1m01s");
		assertThat(ProgressLine.duration(7322)).isEqualTo("2h02m");
	}

}
