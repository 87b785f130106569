package dev.healthaudit.ratelimit;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.healthaudit.scalekit.ApiFailure;
import dev.healthaudit.scalekit.CallResult;

/**
 * Repeats an API call after transient failures, as a {@link Backoff} allows; or, in its
 * {@link #deferring(AttemptTally)} form, does not wait for the next attempt but records
 * that the work should be tried again later. A deferring form made from one
 * {@link #waitingInline(InlineWaits) waiting inline} waits in place when its
 * {@link InlineWaits} allow, and defers otherwise (see the job package for why).
 */
public final class Retries {

	private static final Logger logger = LoggerFactory.getLogger(Retries.class);

	private final Backoff backoff;

	private final Sleeper sleeper;

	private final Consumer<CallResult.Failure<?>> onRetry;

	/**
	 * Null when retries wait inline; else where the first deferred failure is recorded
	 * (one audit's calls).
	 */
	private final @Nullable Deferrals deferrals;

	/**
	 * Attempts already made at the unit of work before this instance (deferring instances
	 * only).
	 */
	private final AttemptTally attemptsBefore;

	/**
	 * When to wait in place rather than defer, shared by every deferring instance made
	 * from this one; or null.
	 */
	private final @Nullable InlineWaits inlineWaits;

	/**
	 * @param onRetry told about each failure that is followed by another attempt (for
	 * counting)
	 */
	public Retries(Backoff backoff, Sleeper sleeper, Consumer<CallResult.Failure<?>> onRetry) {
		this(backoff, sleeper, onRetry, null, AttemptTally.NONE, null);
	}

	private Retries(Backoff backoff, Sleeper sleeper, Consumer<CallResult.Failure<?>> onRetry,
			@Nullable Deferrals deferrals, AttemptTally attemptsBefore, @Nullable InlineWaits inlineWaits) {
		this.backoff = backoff;
		this.sleeper = sleeper;
		this.onRetry = onRetry;
		this.deferrals = deferrals;
		this.attemptsBefore = attemptsBefore;
		this.inlineWaits = inlineWaits;
	}

	/**
	 * These retries, whose {@link #deferring(AttemptTally) deferring} instances wait for
	 * the next attempt in place when {@code inlineWaits} allow, and defer otherwise.
	 */
	public Retries waitingInline(InlineWaits inlineWaits) {
		return new Retries(this.backoff, this.sleeper, this.onRetry, this.deferrals, this.attemptsBefore, inlineWaits);
	}

	/**
	 * For a {@link #deferring(AttemptTally)} instance, once its unit of work is over:
	 * tells the {@link InlineWaits}, if any, how long the work took, its waits in place
	 * excluded.
	 */
	public void finished(Duration took) {
		if (this.inlineWaits != null && this.deferrals != null) {
			this.inlineWaits.attemptTook(took.minus(this.deferrals.waited));
		}
	}

	/**
	 * Retries for one unit of work (one account's calls, on one thread) that never wait:
	 * the first transient failure that the backoff would retry is recorded
	 * ({@link #deferral()}) and returned, and every later call of this instance returns
	 * that same failure without being sent, because the work will be done again from the
	 * start. A failure that would not be retried anyway (no attempt left, a
	 * {@code Retry-After} beyond the policy's maximum) is returned as it is and defers
	 * nothing.
	 * @param attemptsBefore attempts already made at this unit of work: attempts are
	 * counted per unit, so that one deferred several times still ends after the policy's
	 * {@code max-attempts} (and its refusals of the pace after as many again)
	 */
	public Retries deferring(AttemptTally attemptsBefore) {
		return new Retries(this.backoff, this.sleeper, this.onRetry, new Deferrals(attemptsBefore), attemptsBefore,
				this.inlineWaits);
	}

	/**
	 * For a {@link #deferring(AttemptTally)} instance that {@link #deferral() deferred}
	 * its work: the attempts made at the unit of work so far, those before this instance,
	 * the one that was deferred, and any made after a wait in place.
	 */
	public AttemptTally attemptsMade() {
		if (this.deferrals == null) {
			throw new IllegalStateException("not a deferring instance");
		}
		return this.deferrals.failedAttempts;
	}

	/**
	 * For a {@link #deferring(AttemptTally)} instance: the failure that deferred the
	 * work, and how long to wait before it.
	 */
	public Optional<Deferral> deferral() {
		return (this.deferrals != null) ? Optional.ofNullable(this.deferrals.first) : Optional.empty();
	}

	/**
	 * The first result that is a success or a lasting failure, or the last transient
	 * failure.
	 */
	public <T> CallResult<T> call(Supplier<CallResult<T>> call) {
		if (this.deferrals != null && this.deferrals.first != null) {
			return CallResult.failure(this.deferrals.first.failure());
		}
		AttemptTally failedAttempts = (this.deferrals != null) ? this.deferrals.failedAttempts : this.attemptsBefore;
		while (true) {
			CallResult<T> result = call.get();
			if (!(result instanceof CallResult.Failure<T> failed) || !failed.failure().isTransient()) {
				return result;
			}
			// a deferring instance counts attempts per unit of work, across its calls
			failedAttempts = failedAttempts.after(failed.failure(), this.backoff.maxAttempts());
			if (this.deferrals != null) {
				this.deferrals.failedAttempts = failedAttempts;
			}
			Optional<Duration> delay = this.backoff.delayAfter(failedAttempts, failed.failure().retryAfter());
			if (delay.isEmpty()) {
				return result;
			}
			this.onRetry.accept(failed);
			if (this.deferrals != null && !tryWaitInPlace(delay.get())) {
				this.deferrals.first = new Deferral(failed.failure(), delay.get());
				logger.debug("deferring for at least {} ms after {}", delay.get().toMillis(),
						failed.failure().describe());
				return result;
			}
			if (this.deferrals == null) {
				logger.debug("retrying in {} ms (attempt {}) after {}", delay.get().toMillis(),
						failedAttempts.total() + 1, failed.failure().describe());
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

	/**
	 * A deferring instance's wait in place, when a permit is free: true once it has
	 * waited (the caller tries again), false when it should defer instead, also when an
	 * interrupt (a stop) ends the wait early: the interrupt is kept, and the work is
	 * deferred, to be attempted again, rather than ended by a stop.
	 */
	private boolean tryWaitInPlace(Duration delay) {
		if (this.inlineWaits == null || !this.inlineWaits.tryAcquire(delay, this.deferrals.waited)) {
			return false;
		}
		try {
			logger.debug("waiting {} ms in place", delay.toMillis());
			this.sleeper.sleep(delay);
			this.deferrals.waited = this.deferrals.waited.plus(delay);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			this.inlineWaits.release();
		}
	}

	/**
	 * Why a unit of work was deferred.
	 *
	 * @param failure the transient failure
	 * @param delay how long the backoff (or the server's {@code Retry-After}) asked to
	 * wait before trying again
	 */
	public record Deferral(ApiFailure failure, Duration delay) {
	}

	/** Mutable holder; a deferring instance is used by one thread only. */
	private static final class Deferrals {

		private @Nullable Deferral first;

		/**
		 * Failed attempts at the unit of work so far, those before the instance included.
		 */
		private AttemptTally failedAttempts;

		/** Time spent waiting in place. */
		private Duration waited = Duration.ZERO;

		private Deferrals(AttemptTally attemptsBefore) {
			this.failedAttempts = attemptsBefore;
		}

	}

}
