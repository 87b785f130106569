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

	@Test
	void theSqlClassifiesTheSameWay() {
		assertThat(AgeBand.sql("s", "c")).isEqualTo("case when s > c - interval '1' day then 'UNDER_1_DAY' "
				+ "when s > c - interval '7' day then 'ONE_TO_7_DAYS' when s > c - interval '30' day then "
				+ "'SEVEN_TO_30_DAYS' else 'OVER_30_DAYS' end");
	}

}
