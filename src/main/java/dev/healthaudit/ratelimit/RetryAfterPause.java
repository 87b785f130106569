package dev.healthaudit.ratelimit;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * A budget's pause for a server's {@code Retry-After}, when the server refuses nearly
 * everything: nothing is sent until it ends. At most the policy's maximum backoff, and
 * never longer than a day. Not thread-safe on its own: {@link RateBudget} changes it
 * under its lock; readers see the volatile fields.
 */
final class RetryAfterPause {

	/** Whatever the policy says, no pause lasts longer than a day. */
	private static final Duration MAX_PAUSE_CAP = Duration.ofDays(1);

	private final long maxPauseNanos;

	/** Time (nanos) until which nothing is sent, when {@link #paused} is set. */
	private volatile long pausedUntil;

	private volatile boolean paused;

	RetryAfterPause(Duration maxPause) {
		this.maxPauseNanos = saturatedNanos(maxPause.compareTo(MAX_PAUSE_CAP) > 0 ? MAX_PAUSE_CAP : maxPause);
	}

	/**
	 * Pauses for {@code retryAfter} from {@code now}, at most the maximum pause, unless a
	 * pause already lasts longer.
	 * @return when the pause ends (nanos), when one began or was extended
	 */
	OptionalLong pause(Duration retryAfter, long now) {
		long nanos = Math.min(saturatedNanos(retryAfter), this.maxPauseNanos);
		if (nanos <= 0) {
			return OptionalLong.empty();
		}
		long until = now + nanos;
		if (this.paused && until - this.pausedUntil <= 0) {
			return OptionalLong.empty();
		}
		this.pausedUntil = until;
		this.paused = true;
		return OptionalLong.of(until);
	}

	/** Whether a pause lasts beyond {@code now}. */
	boolean active(long now) {
		return this.paused && this.pausedUntil - now > 0;
	}

	/** How long the pause still lasts (nanos, 0 when none); ends a pause that is over. */
	long leftAt(long now) {
		if (!this.paused) {
			return 0;
		}
		long left = this.pausedUntil - now;
		if (left > 0) {
			return left;
		}
		this.paused = false;
		return 0;
	}

	private static long saturatedNanos(Duration duration) {
		if (duration.isNegative()) {
			return 0;
		}
		return (duration.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L) ? Long.MAX_VALUE : duration.toNanos();
	}

}
