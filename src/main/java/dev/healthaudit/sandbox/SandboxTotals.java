package dev.healthaudit.sandbox;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a sandbox has served so far, for benchmarks that run it as a separate process (printed when it shuts down,
 * never served over HTTP, so no client can mistake it for an API route).
 *
 * @param requests requests per {@code METHOD /path}
 * @param statuses responses per HTTP status
 * @param environmentRateLimited 429 {@code RATE_LIMITED} answers: the environment budget was exceeded
 * @param firstRequest when the first request arrived
 * @param lastRequest when the last request arrived
 */
public record SandboxTotals(Map<String, Long> requests, Map<Integer, Long> statuses, long environmentRateLimited,
		Optional<Instant> firstRequest, Optional<Instant> lastRequest) {

	public long totalRequests() {
		return this.requests.values().stream().mapToLong(Long::longValue).sum();
	}

	/** One line of {@code key=value} pairs, easy for a script to pick apart. */
	public String describe() {
		return "sandbox totals: requests=" + totalRequests() + " environment-429=" + this.environmentRateLimited
				+ " first-request-ms=" + this.firstRequest.map(Instant::toEpochMilli).orElse(0L) + " last-request-ms="
				+ this.lastRequest.map(Instant::toEpochMilli).orElse(0L) + " statuses=" + new TreeMap<>(this.statuses)
				+ " routes=" + new TreeMap<>(this.requests);
	}

}
