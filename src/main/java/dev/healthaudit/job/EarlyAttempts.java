package dev.healthaudit.job;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.MDC;

import dev.healthaudit.probe.DeferredAudit;
import dev.healthaudit.ratelimit.AttemptTally;

/**
 * Attempts a deferred account again as soon as it comes due, on the step's executor
 * behind the work queued there, instead of when its deferral is next read back (at a
 * chunk boundary of the first pass, or in a round of the second pass: with chunks of a
 * thousand accounts those can be half a minute apart, and the waits of the last chunk's
 * deferrals added up at the end of the run). The deferral itself is stored as before, in
 * its chunk's transaction; the early attempt's outcome waits in memory (a finished result
 * is also journaled, so it is durable within a second) until that deferral is read back,
 * which then {@linkplain #take takes} it instead of attempting the account again. An
 * early attempt that is deferred in turn is attempted early too. At most {@code limit}
 * attempts are outstanding; beyond that a deferral waits to be read back, as before.
 * Thread-safe.
 */
final class EarlyAttempts implements AutoCloseable {

	private final Function<DeferredAudit, ProcessedRecord> attempt;

	private final Executor executor;

	private final Clock clock;

	private final int limit;

	private final ScheduledExecutorService timer;

	/**
	 * Outstanding attempts by the deferral they follow (an account's input line and its
	 * attempts so far).
	 */
	private final Map<Key, FutureTask<ProcessedRecord>> pending = new ConcurrentHashMap<>();

	/**
	 * @param attempt attempts a deferred account again, with everything that follows a
	 * finished attempt (journal, progress); the deferrals it returns are scheduled early
	 * in turn by the caller of {@link #schedule}
	 * @param executor where the attempts run: the step's, so that they queue behind its
	 * work
	 * @param limit the most attempts outstanding at once
	 */
	EarlyAttempts(Function<DeferredAudit, ProcessedRecord> attempt, Executor executor, Clock clock, int limit) {
		this.attempt = attempt;
		this.executor = executor;
		this.clock = clock;
		this.limit = limit;
		ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "early-attempts");
			thread.setDaemon(true);
			return thread;
		});
		timer.setRemoveOnCancelPolicy(true);
		this.timer = timer;
	}

	/**
	 * Schedules the next attempt at a deferred account for when it is due, unless too
	 * many are outstanding.
	 */
	void schedule(DeferredAudit deferred) {
		if (this.pending.size() >= this.limit) {
			return;
		}
		Key key = Key.of(deferred);
		FutureTask<ProcessedRecord> task = new FutureTask<>(() -> this.attempt.apply(deferred));
		if (this.pending.putIfAbsent(key, task) != null) {
			return;
		}
		long delay = Math.max(0, Duration.between(this.clock.instant(), deferred.notBefore()).toMillis());
		// the executor's task decorator copies the submitting thread's MDC (the run id):
		// the timer submits with the
		// scheduling worker's
		Map<String, String> context = MDC.getCopyOfContextMap();
		this.timer.schedule(() -> {
			if (context != null) {
				MDC.setContextMap(context);
			}
			try {
				this.executor.execute(task);
			}
			finally {
				MDC.clear();
			}
		}, delay, TimeUnit.MILLISECONDS);
	}

	/**
	 * The outcome of the attempt that follows {@code deferred}, now due: the early one's,
	 * waiting for it if it is running, or run here if it has not started yet; empty when
	 * none was scheduled.
	 */
	Optional<ProcessedRecord> take(DeferredAudit deferred) throws Exception {
		FutureTask<ProcessedRecord> task = this.pending.remove(Key.of(deferred));
		if (task == null) {
			return Optional.empty();
		}
		// a FutureTask runs once: if a pool thread has it, this returns at once and get()
		// waits for it
		task.run();
		try {
			return Optional.of(task.get());
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
	}

	/**
	 * Drops the attempts not started; running ones finish (their results are journaled)
	 * and are forgotten.
	 */
	@Override
	public void close() {
		this.timer.shutdownNow();
		this.pending.values().forEach((task) -> task.cancel(false));
		this.pending.clear();
	}

	private record Key(long line, AttemptTally attempts) {

		static Key of(DeferredAudit deferred) {
			return new Key(deferred.account().line(), deferred.attempts());
		}

	}

}
