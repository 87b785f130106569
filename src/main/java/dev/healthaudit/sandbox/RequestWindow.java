package dev.healthaudit.sandbox;

import java.util.ArrayDeque;

/**
 * The environment rate limit as a gateway enforces it: at most a sixtieth of the
 * per-minute limit in any one second (a sliding window over the requests it let through),
 * the rest refused. Refused requests do not count against the window. The limit of a
 * second can be scaled ({@link LimitSchedule}); when it drops, requests are refused until
 * enough of the last second's have aged out.
 */
final class RequestWindow {

	static final long WINDOW_NANOS = 1_000_000_000L;

	private final int requestsPerMinute;

	/** Arrival times of the requests let through in the last second, oldest first. */
	private final ArrayDeque<Long> admitted = new ArrayDeque<>();

	private long latest = Long.MIN_VALUE;

	RequestWindow(int requestsPerMinute) {
		if (requestsPerMinute < 1) {
			throw new IllegalArgumentException("requestsPerMinute must be at least 1: " + requestsPerMinute);
		}
		this.requestsPerMinute = requestsPerMinute;
	}

	/**
	 * Requests one second lets through at this factor on the limit: whole requests, never
	 * more than the limit allows, at least one (so a limit below 60 a minute still lets
	 * one a second through).
	 */
	int perSecond(double factor) {
		return (int) Math.max(1, Math.floor(this.requestsPerMinute * factor / 60 + 1e-6));
	}

	/**
	 * Whether a request arriving at {@code nanos} (any monotonic scale) is let through at
	 * this factor on the limit. Times that come slightly out of order from concurrent
	 * threads are taken as the latest seen.
	 */
	synchronized boolean tryAcquire(long nanos, double factor) {
		long now = Math.max(nanos, this.latest);
		this.latest = now;
		while (!this.admitted.isEmpty() && this.admitted.peekFirst() <= now - WINDOW_NANOS) {
			this.admitted.pollFirst();
		}
		if (this.admitted.size() >= perSecond(factor)) {
			return false;
		}
		this.admitted.addLast(now);
		return true;
	}

}
