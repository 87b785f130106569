package dev.healthaudit.ratelimit;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.function.IntSupplier;

/**
 * When an attempt at an account may wait in place for its next try instead of being
 * deferred (see the job package for why both exist). Two bounds:
 * <ul>
 * <li>a free permit: at most {@code permits} attempts wait at once, so waiting never
 * takes most of the workers;</li>
 * <li>the wait is covered: while the first pass runs, an attempt's waits in place, the
 * next one included, add up to no more than the time the work queued on the executor
 * keeps the other workers busy (queued accounts x a typical attempt / workers). A chunk
 * commits only when its slowest account is done: a wait longer than the work left behind
 * it would idle the workers, and is deferred instead, to be attempted again at a chunk
 * boundary or in the second pass. On a slow server, or one whose budget makes calls
 * queue, typical attempts take a second or more and a {@code Retry-After: 1} is waited
 * out in place; on a fast one they take milliseconds and such waits are deferred. In the
 * second pass ({@link #coverAll()}) every wait is covered: there is nothing else to do,
 * and a deferral would only wait for the next round.</li>
 * </ul>
 * A typical attempt is a moving average of attempt durations, waits in place excluded.
 * Until the executor's queue is given ({@link #coverWith}), nothing waits in place.
 * Thread-safe.
 */
public final class InlineWaits {

	/**
	 * Weight of each new attempt in the moving average: about the last fifty attempts
	 * count.
	 */
	private static final double WEIGHT = 0.02;

	private static final IntSupplier NOTHING_QUEUED = () -> 0;

	/**
	 * Longer than any wait a policy allows ({@code retry.max-backoff} is at most a day).
	 */
	private static final Duration ALL = Duration.ofDays(2);

	private final Semaphore permits;

	/** Moving average of attempt durations in nanoseconds; 0 while none is known. */
	private double typicalNanos;

	private volatile IntSupplier queued = NOTHING_QUEUED;

	private volatile int workers = 1;

	private volatile boolean all;

	/**
	 * @param permits how many attempts may wait in place at once (at least 1)
	 */
	public InlineWaits(int permits) {
		if (permits < 1) {
			throw new IllegalArgumentException("permits must be at least 1: " + permits);
		}
		this.permits = new Semaphore(permits);
	}

	/**
	 * Waits are covered by the work queued: {@code queued} accounts wait for one of
	 * {@code workers} threads.
	 */
	public void coverWith(IntSupplier queued, int workers) {
		this.queued = queued;
		this.workers = Math.max(1, workers);
		this.all = false;
	}

	/** Every wait is covered (the second pass). */
	public void coverAll() {
		this.all = true;
	}

	/** Records how long one attempt took, its waits in place excluded. */
	public synchronized void attemptTook(Duration duration) {
		double nanos = Math.max(0, duration.toNanos());
		this.typicalNanos = (this.typicalNanos == 0) ? nanos : this.typicalNanos + WEIGHT * (nanos - this.typicalNanos);
	}

	/**
	 * A typical attempt: the moving average of attempt durations, waits in place
	 * excluded.
	 */
	public synchronized Duration typicalAttempt() {
		return Duration.ofNanos((long) this.typicalNanos);
	}

	/**
	 * How long the work queued now keeps the workers busy; very long in the second pass.
	 */
	public Duration covered() {
		if (this.all) {
			return ALL;
		}
		return typicalAttempt().multipliedBy(Math.max(0, this.queued.getAsInt())).dividedBy(this.workers);
	}

	/**
	 * Takes a permit to wait {@code delay} in place after having waited {@code waited} in
	 * place, or returns false: the waits would not be covered, or no permit is free.
	 */
	boolean tryAcquire(Duration delay, Duration waited) {
		return waited.plus(delay).compareTo(covered()) <= 0 && this.permits.tryAcquire();
	}

	void release() {
		this.permits.release();
	}

}
