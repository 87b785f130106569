package dev.healthaudit.ratelimit;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What a budget's recent requests met: of the answers that came back, how many the server
 * accepted and how many it refused with a 429, over a sliding window in slots of 200 ms;
 * and what it accepted over the last second since the first request sent after a reset.
 * Shares are taken over answers, not sends, so that requests still in flight do not
 * dilute the evidence. The window adapts to the rate: it reaches back at least
 * {@link #MIN_WINDOW_NANOS} and until it holds {@link #ENOUGH_ANSWERS} answers, at most
 * {@link #MAX_WINDOW_NANOS}, so that a share means as much at 10 requests per second as
 * at 1,000. The evidence on which {@link AdaptiveRate} tells a sporadic refusal (one
 * user's quota, a gateway's hiccup) from a limit the budget is really above. Thread-safe.
 */
final class RefusalWindow {

	static final long MIN_WINDOW_NANOS = 2_000_000_000L;

	static final long MAX_WINDOW_NANOS = 10_000_000_000L;

	/**
	 * A share of 3 % among this many answers is 9 refusals, which a sporadic 1 % reaches
	 * about once in 250 windows.
	 */
	static final int ENOUGH_ANSWERS = 300;

	private static final long SLOT_NANOS = 200_000_000L;

	private static final long RECENT_NANOS = 1_000_000_000L;

	private static final long MIN_RECENT_NANOS = 50_000_000L;

	private static final int MAX_REMEMBERED = 4096;

	private static final int SLOTS = (int) (MAX_WINDOW_NANOS / SLOT_NANOS);

	private final LongSupplier nanoTime;

	private final long[] refusals = new long[SLOTS];

	private final long[] acceptances = new long[SLOTS];

	private final long[] slotIndex = new long[SLOTS];

	/**
	 * Evidence older than this does not count (set when the budget's rate changes: it was
	 * about the old rate).
	 */
	private long since;

	/** The first send since {@link #since}, when {@link #sentSince} is set. */
	private long firstSend;

	private boolean sentSince;

	/**
	 * When the latest answers were accepted (a ring): enough for the last second up to
	 * 4,096 answers a second.
	 */
	private final long[] acceptTimes = new long[4096];

	private int acceptHead;

	private int acceptCount;

	/**
	 * Requests refused within the window, by what they asked, with when: a repeat is not
	 * new evidence.
	 */
	private final Map<Integer, Long> refusedRequests = new LinkedHashMap<>();

	RefusalWindow(LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
		this.since = nanoTime.getAsLong();
		Arrays.fill(this.slotIndex, Long.MIN_VALUE);
	}

	synchronized void sent() {
		long now = this.nanoTime.getAsLong();
		if (!this.sentSince) {
			this.sentSince = true;
			this.firstSend = now;
		}
	}

	/**
	 * Counts a refusal, unless the same request (by {@code request}, a hash of what it
	 * asked; 0 for unknown) was refused within the window already: one user's quota
	 * refusing the same account's retries is one piece of evidence.
	 * @return whether it counted
	 */
	synchronized boolean refused(int request) {
		long now = this.nanoTime.getAsLong();
		this.refusedRequests.values().removeIf((at) -> now - at >= MAX_WINDOW_NANOS);
		if (request != 0 && this.refusedRequests.containsKey(request)) {
			return false;
		}
		if (request != 0 && this.refusedRequests.size() < MAX_REMEMBERED) {
			this.refusedRequests.put(request, now);
		}
		slot(now, this.refusals);
		return true;
	}

	synchronized void accepted() {
		long now = this.nanoTime.getAsLong();
		slot(now, this.acceptances);
		this.acceptTimes[this.acceptHead] = now;
		this.acceptHead = (this.acceptHead + 1) % this.acceptTimes.length;
		this.acceptCount = Math.min(this.acceptCount + 1, this.acceptTimes.length);
	}

	/** Forgets everything counted so far. */
	synchronized void reset() {
		this.since = this.nanoTime.getAsLong();
		this.sentSince = false;
		Arrays.fill(this.refusals, 0);
		Arrays.fill(this.acceptances, 0);
	}

	/**
	 * What the window holds now: the newest slots back to its minimum length, then as far
	 * as needed for enough answers.
	 */
	synchronized Evidence evidence() {
		long now = this.nanoTime.getAsLong();
		long current = Math.floorDiv(now, SLOT_NANOS);
		long reach = Math.max(0, now - this.since);
		long refused = 0;
		long accepted = 0;
		long covered = 0;
		for (int back = 0; back < SLOTS; back++) {
			// the current slot covers only the time since it began
			covered = Math.min(reach, now - (current - back) * SLOT_NANOS);
			int slot = (int) Math.floorMod(current - back, (long) SLOTS);
			if (this.slotIndex[slot] == current - back) {
				refused += this.refusals[slot];
				accepted += this.acceptances[slot];
			}
			boolean enough = covered >= MIN_WINDOW_NANOS && refused + accepted >= ENOUGH_ANSWERS;
			if (enough || covered >= reach) {
				break;
			}
		}
		return new Evidence(accepted, refused, recentAcceptedRate(now));
	}

	/**
	 * Answers accepted per second over the last second (or since the first send after a
	 * reset, if that was later): when refusals come, what the server accepted just then
	 * is the best measure of its limit.
	 */
	synchronized double recentAcceptedRate() {
		return recentAcceptedRate(this.nanoTime.getAsLong());
	}

	private double recentAcceptedRate(long now) {
		long start = this.sentSince ? Math.max(this.firstSend, this.since) : this.since;
		long span = Math.max(MIN_RECENT_NANOS, Math.min(RECENT_NANOS, now - start));
		int accepted = 0;
		for (int i = 1; i <= this.acceptCount; i++) {
			long at = this.acceptTimes[Math.floorMod(this.acceptHead - i, this.acceptTimes.length)];
			if (now - at >= span) {
				break;
			}
			accepted++;
		}
		return accepted / (span / 1e9);
	}

	private void slot(long now, long[] counts) {
		long index = Math.floorDiv(now, SLOT_NANOS);
		int slot = (int) Math.floorMod(index, (long) SLOTS);
		if (this.slotIndex[slot] != index) {
			this.slotIndex[slot] = index;
			this.refusals[slot] = 0;
			this.acceptances[slot] = 0;
		}
		counts[slot]++;
	}

	/**
	 * @param accepted answers within the window that were not a refusal
	 * @param refused answers within the window that were a 429
	 * @param recentAcceptedRate answers accepted per second over the last second
	 */
	record Evidence(long accepted, long refused, double recentAcceptedRate) {

		/** Share of the window's answers that were refusals. */
		double refusedShare() {
			return this.refused / (double) Math.max(1, this.refused + this.accepted);
		}

	}

}
