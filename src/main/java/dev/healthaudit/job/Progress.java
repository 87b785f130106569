package dev.healthaudit.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs how far the run has come at a steady interval: records done, accounts per second. */
final class Progress {

	private static final Logger logger = LoggerFactory.getLogger(Progress.class);

	private final Clock clock;

	private final Duration interval;

	private final Instant started;

	private Instant lastLog;

	private long audited;

	private long rejected;

	Progress(Clock clock, Duration interval) {
		this.clock = clock;
		this.interval = interval;
		this.started = clock.instant();
		this.lastLog = this.started;
	}

	synchronized void recorded(long auditedNow, long rejectedNow) {
		this.audited += auditedNow;
		this.rejected += rejectedNow;
		Instant now = this.clock.instant();
		if (Duration.between(this.lastLog, now).compareTo(this.interval) >= 0) {
			this.lastLog = now;
			log(now);
		}
	}

	synchronized void finished() {
		log(this.clock.instant());
	}

	private void log(Instant now) {
		double seconds = Math.max(Duration.between(this.started, now).toMillis() / 1000.0, 0.001);
		logger.info(String.format("progress: %d accounts audited, %d rejected, %.1f accounts/s", this.audited,
				this.rejected, this.audited / seconds));
	}

}
