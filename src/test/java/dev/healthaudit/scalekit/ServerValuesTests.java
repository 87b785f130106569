package dev.healthaudit.scalekit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Server-supplied {@code Retry-After} values, clamped or ignored, never an overflow. */
class ServerValuesTests {

	private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

	@Test
	void retryAfterInSecondsIsTakenUpToADay() {
		assertThat(retryAfter("7")).contains(Duration.ofSeconds(7));
		assertThat(retryAfter(" 0 ")).contains(Duration.ZERO);
		assertThat(retryAfter("86400")).contains(Duration.ofDays(1));
		assertThat(retryAfter("999999")).contains(Duration.ofDays(1));
		assertThat(retryAfter(Long.toString(Long.MAX_VALUE))).contains(Duration.ofDays(1));
		assertThat(retryAfter("99999999999999999999999999999999")).contains(Duration.ofDays(1));
	}

	@Test
	void retryAfterAsAnHttpDateIsTheWaitUntilThenUpToADay() {
		DateTimeFormatter http = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
		assertThat(retryAfter(http.format(NOW.plusSeconds(3600)))).contains(Duration.ofHours(1));
		assertThat(retryAfter(http.format(NOW.minusSeconds(3600)))).contains(Duration.ZERO);
		assertThat(retryAfter(http.format(NOW.plus(Duration.ofDays(400))))).contains(Duration.ofDays(1));
		assertThat(retryAfter("Fri, 31 Dec 9999 23:59:59 GMT")).contains(Duration.ofDays(1));
	}

	@Test
	void negativeFractionalOrGarbageRetryAfterIsAbsent() {
		assertThat(retryAfter("-5")).isEmpty();
		assertThat(retryAfter("-9223372036854775808")).isEmpty();
		assertThat(retryAfter("1.5")).isEmpty();
		assertThat(retryAfter("soon")).isEmpty();
		assertThat(retryAfter("")).isEmpty();
		assertThat(retryAfter("Mon, 99 Foo 2026 99:99:99 GMT")).isEmpty();
		assertThat(ServerValues.retryAfter(Optional.empty(), NOW)).isEmpty();
	}

	private static Optional<Duration> retryAfter(String header) {
		return ServerValues.retryAfter(Optional.of(header), NOW);
	}

}
