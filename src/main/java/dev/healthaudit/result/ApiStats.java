package dev.healthaudit.result;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * API usage of a run, or of a part of it: calls by route label, retries, and time spent
 * waiting on rate budgets.
 *
 * @param calls calls by route label such as {@code GET /api/v1/connected_accounts/auth},
 * sorted by label
 * @param rateLimitWaitNanos time spent waiting for a rate budget before calls could leave
 */
public record ApiStats(Map<String, Long> calls, long retries, long rateLimitWaitNanos) {

	public static final ApiStats NONE = new ApiStats(Map.of(), 0, 0);

	public ApiStats {
		// sorted, so that outputs list routes in a stable order
		calls = Collections.unmodifiableMap(new TreeMap<>(calls));
	}

	public long totalCalls() {
		return this.calls.values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * What happened since {@code earlier}, a snapshot of the same cumulative counters.
	 */
	public ApiStats since(ApiStats earlier) {
		Map<String, Long> delta = new TreeMap<>();
		this.calls.forEach((route, count) -> {
			long added = count - earlier.calls.getOrDefault(route, 0L);
			if (added != 0) {
				delta.put(route, added);
			}
		});
		return new ApiStats(delta, this.retries - earlier.retries,
				this.rateLimitWaitNanos - earlier.rateLimitWaitNanos);
	}

	public boolean isEmpty() {
		return this.calls.isEmpty() && this.retries == 0 && this.rateLimitWaitNanos == 0;
	}

}
