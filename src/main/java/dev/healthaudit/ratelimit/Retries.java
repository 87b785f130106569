package dev.healthaudit.ratelimit;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.healthaudit.scalekit.CallResult;

/** Repeats an API call after transient failures, as a {@link Backoff} allows. */
public final class Retries {

	private static final Logger logger = LoggerFactory.getLogger(Retries.class);

	private final Backoff backoff;

	private final Sleeper sleeper;

	private final Consumer<CallResult.Failure<?>> onRetry;

	/**
	 * @param onRetry told about each failure that is followed by another attempt (for counting)
	 */
	public Retries(Backoff backoff, Sleeper sleeper, Consumer<CallResult.Failure<?>> onRetry) {
		this.backoff = backoff;
		this.sleeper = sleeper;
		this.onRetry = onRetry;
	}

	/** The first result that is a success or a lasting failure, or the last transient failure. */
	public <T> CallResult<T> call(Supplier<CallResult<T>> call) {
		for (int attempt = 1;; attempt++) {
			CallResult<T> result = call.get();
			if (!(result instanceof CallResult.Failure<T> failed) || !failed.failure().isTransient()) {
				return result;
			}
			Optional<Duration> delay = this.backoff.delayAfter(attempt, failed.failure().retryAfter());
			if (delay.isEmpty()) {
				return result;
			}
			this.onRetry.accept(failed);
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

}
