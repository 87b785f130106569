package dev.healthaudit.ratelimit;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try again after a transient failure.
 *
 * @param maxAttempts total attempts, the first one included
 * @param initial the wait after the first failure, before jitter
 * @param max the longest wait the policy accepts
 * @param random a source of numbers in [0, 1) for jitter
 */
public record Backoff(int maxAttempts, Duration initial, Duration max, DoubleSupplier random) {

	/**
	 * The wait before the next attempt, or empty when the failures that count have used
	 * up {@link #maxAttempts()} or the server asked for a longer wait than
	 * {@link #max()}; without a {@code Retry-After}, the wait grows with every failed
	 * attempt, those that did not count included.
	 */
	public Optional<Duration> delayAfter(AttemptTally attempts, Optional<Duration> retryAfter) {
		if (attempts.failures() >= this.maxAttempts) {
			return Optional.empty();
		}
		if (retryAfter.isPresent()) {
			return (retryAfter.get().compareTo(this.max) <= 0) ? retryAfter : Optional.empty();
		}
		long base = this.initial.toMillis() << Math.min(Math.max(attempts.total() - 1, 0), 30);
		long capped = Math.min(Math.max(base, 0), this.max.toMillis());
		// "equal jitter": at least half the step, so that waits still grow, spread to
		// avoid synchronized retries
		long jittered = capped / 2 + (long) (this.random.getAsDouble() * (capped - capped / 2));
		return Optional.of(Duration.ofMillis(jittered));
	}

}
