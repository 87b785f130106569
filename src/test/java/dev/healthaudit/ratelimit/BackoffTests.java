package dev.healthaudit.ratelimit;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTests {

	private final Backoff backoff = new Backoff(4, Duration.ofMillis(500), Duration.ofSeconds(3), () -> 1.0);

	@Test
	void growsExponentiallyUpToTheMaximum() {
		assertThat(this.backoff.delayAfter(AttemptTally.failures(1), Optional.empty()))
			.contains(Duration.ofMillis(500));
		assertThat(this.backoff.delayAfter(AttemptTally.failures(2), Optional.empty()))
			.contains(Duration.ofMillis(1000));
		assertThat(this.backoff.delayAfter(AttemptTally.failures(3), Optional.empty()))
			.contains(Duration.ofMillis(2000));
		Backoff many = new Backoff(10, Duration.ofMillis(500), Duration.ofSeconds(3), () -> 1.0);
		assertThat(many.delayAfter(AttemptTally.failures(8), Optional.empty())).contains(Duration.ofSeconds(3));
	}

	@Test
	void jitterKeepsAtLeastHalfTheStep() {
		Backoff low = new Backoff(4, Duration.ofMillis(500), Duration.ofSeconds(3), () -> 0.0);
		assertThat(low.delayAfter(AttemptTally.failures(2), Optional.empty())).contains(Duration.ofMillis(500));
	}

	@Test
	void stopsWhenAttemptsAreSpent() {
		assertThat(this.backoff.delayAfter(AttemptTally.failures(4), Optional.empty())).isEmpty();
	}

	@Test
	void growsWithEveryFailedAttemptButStopsOnlyWhenTheCountedOnesAreSpent() {
		assertThat(this.backoff.delayAfter(new AttemptTally(1, 2), Optional.empty())).contains(Duration.ofMillis(2000));
		assertThat(this.backoff.delayAfter(new AttemptTally(3, 5), Optional.empty())).contains(Duration.ofSeconds(3));
		assertThat(this.backoff.delayAfter(new AttemptTally(4, 0), Optional.empty())).isEmpty();
		assertThat(this.backoff.delayAfter(new AttemptTally(4, 1), Optional.of(Duration.ofSeconds(1)))).isEmpty();
	}

	@Test
	void honoursRetryAfter() {
		assertThat(this.backoff.delayAfter(AttemptTally.failures(1), Optional.of(Duration.ofSeconds(2))))
			.contains(Duration.ofSeconds(2));
	}

	@Test
	void givesUpWhenRetryAfterExceedsTheMaximumBackoff() {
		assertThat(this.backoff.delayAfter(AttemptTally.failures(1), Optional.of(Duration.ofSeconds(60)))).isEmpty();
	}

}
