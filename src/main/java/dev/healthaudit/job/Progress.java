package dev.healthaudit.job;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * How far the run has come: a log line at a steady interval (done / total, accounts per
 * second, ETA, waits on each rate budget, retries) and, when stdout is a terminal, a bar
 * redrawn in place a few times a second. Accounts count when their audit finishes (the
 * rate and ETA come from them), and the line says how many of them are committed.
 */
final class Progress {

	/** Redrawing more often than this only costs terminal output. */
	private static final Duration BAR_INTERVAL = Duration.ofMillis(250);

	private static final Logger logger = LoggerFactory.getLogger(Progress.class);

	private final Clock clock;

	private final Duration interval;

	private final ProgressInputs inputs;

	private final @Nullable PrintStream terminal;

	private final AtomicLong audited = new AtomicLong();

	private final AtomicLong finished = new AtomicLong();

	private final AtomicLong rejected = new AtomicLong();

	private final AtomicLong resumedAt = new AtomicLong();

	private Instant started;

	private ScheduledExecutorService ticker;

	private int barLength;

	/**
	 * @param terminal where to draw the live bar, or null for none
	 */
	Progress(Clock clock, Duration interval, ProgressInputs inputs, @Nullable PrintStream terminal) {
		this.clock = clock;
		this.interval = interval;
		this.inputs = inputs;
		this.terminal = terminal;
		this.started = clock.instant();
	}

	/**
	 * The live bar goes to stdout only when it is a terminal: logs and pipes get the log
	 * lines alone.
	 */
	static @Nullable PrintStream terminalOrNull() {
		return (System.console() != null) ? System.out : null;
	}

	synchronized void start() {
		this.started = this.clock.instant();
		// the run id lives in the MDC of the thread that started the run; progress lines
		// should carry it too
		Map<String, String> context = MDC.getCopyOfContextMap();
		this.ticker = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(() -> {
				if (context != null) {
					MDC.setContextMap(context);
				}
				task.run();
			}, "progress");
			thread.setDaemon(true);
			return thread;
		});
		long logMillis = Math.max(1, this.interval.toMillis());
		this.ticker.scheduleAtFixedRate(this::log, logMillis, logMillis, TimeUnit.MILLISECONDS);
		if (this.terminal != null) {
			long barMillis = BAR_INTERVAL.toMillis();
			this.ticker.scheduleAtFixedRate(this::draw, barMillis, barMillis, TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * Records handled by an earlier attempt of the run that a restart continues from (the
	 * input position, less the accounts still deferred).
	 */
	void resumedAt(long handled) {
		this.resumedAt.set(handled);
	}

	/**
	 * Accounts an earlier process of the run finished and journaled: done, though not
	 * audited by this one.
	 */
	void recovered(long accounts) {
		this.finished.addAndGet(accounts);
	}

	/**
	 * An account's audit finished (on a worker thread); deferred attempts are not
	 * finished.
	 */
	void finishedOne() {
		this.finished.incrementAndGet();
	}

	/**
	 * Finished audits that the writer did not store as results (duplicates of an earlier
	 * line, rejected).
	 */
	void notAudited(long accounts) {
		if (accounts > 0) {
			this.finished.addAndGet(-accounts);
		}
	}

	/**
	 * A chunk was stored (accounts deferred to the second pass are not done yet, so not
	 * counted).
	 */
	void recorded(long auditedNow, long rejectedNow) {
		this.audited.addAndGet(auditedNow);
		this.rejected.addAndGet(rejectedNow);
	}

	/**
	 * Sets the records done so far, as the results store counts them (a second pass
	 * started by a new process).
	 */
	void doneSoFar(long records) {
		this.resumedAt.set(records - this.audited.get() - this.rejected.get());
	}

	synchronized void finished() {
		if (this.ticker != null) {
			this.ticker.shutdownNow();
			this.ticker = null;
		}
		if (this.terminal != null && this.barLength > 0) {
			draw();
			this.terminal.println();
			this.terminal.flush();
			this.barLength = 0;
		}
		logger.info(snapshot().logLine());
	}

	ProgressLine snapshot() {
		long committed = this.audited.get();
		long finished = Math.max(this.finished.get(), committed);
		long rejected = this.rejected.get();
		// a duplicate is audited before the writer rejects it: until its chunk is written
		// it counts twice
		long done = Math.max(0, this.resumedAt.get() + finished + rejected);
		done = this.inputs.totalRecords().isPresent() ? Math.min(done, this.inputs.totalRecords().getAsLong()) : done;
		return new ProgressLine(finished, committed, rejected, done, this.inputs.totalRecords(),
				Duration.between(this.started, this.clock.instant()), this.inputs.waits().get(),
				this.inputs.retries().getAsLong());
	}

	private synchronized void log() {
		clearBar();
		logger.info(snapshot().logLine());
	}

	private synchronized void draw() {
		String bar = snapshot().bar();
		String padding = " ".repeat(Math.max(0, this.barLength - bar.length()));
		this.terminal.print("\r" + bar + padding);
		this.terminal.flush();
		this.barLength = bar.length();
	}

	/**
	 * A log line printed after the bar would start mid-line: wipe the bar first, it comes
	 * back on the next draw.
	 */
	private void clearBar() {
		if (this.terminal != null && this.barLength > 0) {
			this.terminal.print("\r" + " ".repeat(this.barLength) + "\r");
			this.terminal.flush();
			this.barLength = 0;
		}
	}

}
