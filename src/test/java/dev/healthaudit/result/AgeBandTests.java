package dev.healthaudit.result;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AgeBandTests {

	@Test
	void bandsIncludeTheirLowerBoundAndExcludeTheirUpperOne() {
		assertThat(AgeBand.of(Duration.ZERO)).isEqualTo(AgeBand.UNDER_1_DAY);
		assertThat(AgeBand.of(Duration.ofDays(1).minusSeconds(1))).isEqualTo(AgeBand.UNDER_1_DAY);
		assertThat(AgeBand.of(Duration.ofDays(1))).isEqualTo(AgeBand.ONE_TO_7_DAYS);
		assertThat(AgeBand.of(Duration.ofDays(7).minusSeconds(1))).isEqualTo(AgeBand.ONE_TO_7_DAYS);
		assertThat(AgeBand.of(Duration.ofDays(7))).isEqualTo(AgeBand.SEVEN_TO_30_DAYS);
		assertThat(AgeBand.of(Duration.ofDays(30).minusSeconds(1))).isEqualTo(AgeBand.SEVEN_TO_30_DAYS);
		assertThat(AgeBand.of(Duration.ofDays(30))).isEqualTo(AgeBand.OVER_30_DAYS);
		assertThat(AgeBand.of(Duration.ofDays(4000))).isEqualTo(AgeBand.OVER_30_DAYS);
	}

	@Test
	void aNegativeAgeFromClockDifferencesIsUnderADay() {
		assertThat(AgeBand.of(Duration.ofSeconds(-3))).isEqualTo(AgeBand.UNDER_1_DAY);
	}

}
