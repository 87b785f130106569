package dev.healthaudit.job;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.StringJoiner;

/**
 * A moment of the run, formatted as a log line or as a terminal bar. Plain values, no
 * Batch types.
 *
 * @param audited accounts whose audit this process finished (stored or not yet)
 * @param committed of those, the ones whose chunk is committed
 * @param rejected input records rejected by this process
 * @param done input records handled so far, those of an earlier attempt of the run
 * included
 * @param total input records of the run, when known
 * @param elapsed since this process started auditing
 * @param waits time spent on each rate budget so far (all threads added up)
 * @param retries retries so far
 */
record ProgressLine(long audited, long committed, long rejected, long done, OptionalLong total, Duration elapsed,
		Map<String, Duration> waits, long retries) {

	private static final int BAR_WIDTH = 30;

	/** Accounts audited per second by this process. */
	double rate() {
		return this.audited / Math.max(this.elapsed.toMillis() / 1000.0, 0.001);
	}

	/**
	 * Time left at this process's pace over all records, when the total is known and
	 * something was done.
	 */
	OptionalLong etaSeconds() {
		long handled = this.audited + this.rejected;
		if (this.total.isEmpty() || handled == 0) {
			return OptionalLong.empty();
		}
		double perSecond = handled / Math.max(this.elapsed.toMillis() / 1000.0, 0.001);
		return OptionalLong.of((long) Math.ceil(Math.max(0, this.total.getAsLong() - this.done) / perSecond));
	}

	/**
	 * The log line; starts with "progress: N accounts audited (C committed)" (tests and
	 * operators grep for it): N counts audits finished, C those stored for good.
	 */
	String logLine() {
		StringBuilder line = new StringBuilder(
				String.format("progress: %d accounts audited (%d committed), %d rejected, ", this.audited,
						this.committed, this.rejected));
		line.append(doneOfTotal());
		line.append(String.format(", %.1f accounts/s", rate()));
		etaSeconds().ifPresent((eta) -> line.append(", ETA ").append(duration(eta)));
		line.append(", rate-limit waits ").append(waitsText());
		line.append(", ").append(this.retries).append(" retries");
		return line.toString();
	}

	/** One terminal line, to be redrawn in place. */
	String bar() {
		StringBuilder bar = new StringBuilder();
		if (this.total.isPresent() && this.total.getAsLong() > 0) {
			int filled = (int) Math.min(BAR_WIDTH, this.done * BAR_WIDTH / this.total.getAsLong());
			bar.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ");
		}
		bar.append(doneOfTotal()).append(String.format(" | %.1f/s", rate()));
		etaSeconds().ifPresent((eta) -> bar.append(" | ETA ").append(duration(eta)));
		bar.append(" | waits ").append(waitsText()).append(" | retries ").append(this.retries);
		return bar.toString();
	}

	private String doneOfTotal() {
		if (this.total.isEmpty()) {
			return this.done + " records done";
		}
		long total = this.total.getAsLong();
		return String.format("%d/%d records (%.1f%%)", this.done, total,
				(total == 0) ? 100.0 : 100.0 * this.done / total);
	}

	private String waitsText() {
		if (this.waits.isEmpty()) {
			return "none";
		}
		StringJoiner text = new StringJoiner(" ");
		this.waits.forEach((name, wait) -> text.add(String.format("%s=%.1fs", name, wait.toMillis() / 1000.0)));
		return text.toString();
	}

	static String duration(long seconds) {
		if (seconds < 60) {
			return seconds + "s";
		}
		if (seconds < 3600) {
			return (seconds / 60) + "m" + String.format("%02d", seconds % 60) + "s";
		}
		return (seconds / 3600) + "h" + String.format("%02d", (seconds % 3600) / 60) + "m";
	}

}
