package dev.healthaudit.ratelimit;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.healthaudit.scalekit.ApiFailure;
import dev.healthaudit.scalekit.CallResult;

/**
 * Repeats an API call after transient failures, as a {@link Backoff} allows; or, in its {@link #deferring()} form,
 * does not wait for the next attempt but records that the work should be tried again later.
 */
public final class Retries {

	private static final Logger logger = LoggerFactory.getLogger(Retries.class);

	private final Backoff backoff;

	private final Sleeper sleeper;

	private final Consumer<CallResult.Failure<?>> onRetry;

	/** Null when retries wait inline; else where the first deferred failure is recorded (one audit's calls). */
	private final Deferrals deferrals;

	/** Attempts already made at the unit of work before this instance (deferring instances only). */
	private final int attemptsBefore;

	/**
	 * @param onRetry told about each failure that is followed by another attempt (for counting)
	 */
	public Retries(Backoff backoff, Sleeper sleeper, Consumer<CallResult.Failure<?>> onRetry) {
		this(backoff, sleeper, onRetry, null, 0);
	}

	private Retries(Backoff backoff, Sleeper sleeper, Consumer<CallResult.Failure<?>> onRetry, Deferrals deferrals,
			int attemptsBefore) {
		this.backoff = backoff;
		this.sleeper = sleeper;
		this.onRetry = onRetry;
		this.deferrals = deferrals;
		this.attemptsBefore = attemptsBefore;
	}

	/**
	 * Retries for one unit of work (one account's calls, on one thread) that never wait: the first transient failure
	 * that the backoff would retry is recorded ({@link #deferral()}) and returned, and every later call of this
	 * instance returns that same failure without being sent, because the work will be done again from the start.
	 * A failure that would not be retried anyway (no attempt left, a {@code Retry-After} beyond the policy's maximum)
	 * is returned as it is and defers nothing.
	 * @param attemptsBefore attempts already made at this unit of work: attempts are counted per unit, so that one
	 * deferred several times still ends after the policy's {@code max-attempts}
	 */
	public Retries deferring(int attemptsBefore) {
		return new Retries(this.backoff, this.sleeper, this.onRetry, new Deferrals(), attemptsBefore);
	}

	/** For a {@link #deferring()} instance: the failure that deferred the work, and how long to wait before it. */
	public Optional<Deferral> deferral() {
		return (this.deferrals != null) ? Optional.ofNullable(this.deferrals.first) : Optional.empty();
	}

	/** The first result that is a success or a lasting failure, or the last transient failure. */
	public <T> CallResult<T> call(Supplier<CallResult<T>> call) {
		if (this.deferrals != null && this.deferrals.first != null) {
			return CallResult.failure(this.deferrals.first.failure());
		}
		for (int attempt = this.attemptsBefore + 1;; attempt++) {
			CallResult<T> result = call.get();
			if (!(result instanceof CallResult.Failure<T> failed) || !failed.failure().isTransient()) {
				return result;
			}
			Optional<Duration> delay = this.backoff.delayAfter(attempt, failed.failure().retryAfter());
			if (delay.isEmpty()) {
				return result;
			}
			this.onRetry.accept(failed);
			if (this.deferrals != null) {
				this.deferrals.first = new Deferral(failed.failure(), delay.get());
				logger.debug("deferring for at least {} ms after {}", delay.get().toMillis(),
						failed.failure().describe());
				return result;
			}
			logger.debug("retrying in {} ms (attempt {}) after {}", delay.get().toMillis(), attempt + 1,
					failed.failure().describe());
			try {
				this.sleeper.sleep(delay.get());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return result;
			}
		}
	}

	/**
	 * Why a unit of work was deferred.
	 *
	 * @param failure the transient failure
	 * @param delay how long the backoff (or the server's {@code Retry-After}) asked to wait before trying again
	 */
	public record Deferral(ApiFailure failure, Duration delay) {
	}

	/** Mutable holder; a deferring instance is used by one thread only. */
	private static final class Deferrals {

		private Deferral first;

	}

}
