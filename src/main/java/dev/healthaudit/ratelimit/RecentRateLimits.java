package dev.healthaudit.ratelimit;

import java.util.function.LongSupplier;

/**
 * How many of a connection's recent tool calls the provider answered with 429, over a sliding window of one-second
 * slots. A provider 429 often is one user's own quota; only when a noticeable share of the connection's calls is
 * refused is the connection itself over its provider quota, and only then should its budget slow down.
 */
final class RecentRateLimits {

	/** Seconds of history. */
	static final int WINDOW_SECONDS = 10;

	/** Share of calls refused from which the connection counts as over quota. */
	static final double SHARE = 0.1;

	/** Fewer refusals than this in the window never count as pressure (a handful of busy users). */
	static final int MINIMUM = 5;

	private final LongSupplier nanoTime;

	private final long[] calls = new long[WINDOW_SECONDS];

	private final long[] limited = new long[WINDOW_SECONDS];

	private final long[] slotSecond = new long[WINDOW_SECONDS];

	RecentRateLimits(LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
	}

	/**
	 * Records a tool call's ending.
	 * @return true when this call was refused and refusals are now frequent enough to slow the connection down
	 */
	synchronized boolean record(boolean rateLimited) {
		long second = this.nanoTime.getAsLong() / 1_000_000_000L;
		int slot = (int) Math.floorMod(second, (long) WINDOW_SECONDS);
		if (this.slotSecond[slot] != second) {
			this.slotSecond[slot] = second;
			this.calls[slot] = 0;
			this.limited[slot] = 0;
		}
		this.calls[slot]++;
		if (rateLimited) {
			this.limited[slot]++;
		}
		if (!rateLimited) {
			return false;
		}
		long totalCalls = 0;
		long totalLimited = 0;
		for (int i = 0; i < WINDOW_SECONDS; i++) {
			if (second - this.slotSecond[i] < WINDOW_SECONDS) {
				totalCalls += this.calls[i];
				totalLimited += this.limited[i];
			}
		}
		return totalLimited >= MINIMUM && totalLimited >= SHARE * totalCalls;
	}

}
