package dev.healthaudit.sandbox;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a sandbox has served so far, for benchmarks that run it as a separate process
 * (printed when it shuts down, never served over HTTP, so no client can mistake it for an
 * API route).
 *
 * @param requests requests per {@code METHOD /path}
 * @param statuses responses per HTTP status
 * @param environmentRateLimited 429 {@code RATE_LIMITED} answers of the environment's own
 * rate limit: the limit was exceeded (injected 429s are not counted here)
 * @param allowedRequests how many requests the rate limit (with its schedule) let through
 * at most between the first and the last request; 0 without a limit
 * @param noise answers given by each kind of {@link NoisePlan} noise, by its name
 * ({@code auth-rate-limited}, {@code provider-rate-limited}, {@code server-error}); kinds
 * that never struck are left out
 * @param faults how many times each fault of the {@link FaultPlan} struck
 * @param firstRequest when the first request arrived
 * @param lastRequest when the last request arrived
 */
public record SandboxTotals(Map<String, Long> requests, Map<Integer, Long> statuses, long environmentRateLimited,
		double allowedRequests, Map<String, Long> noise, Map<Fault, Long> faults, Optional<Instant> firstRequest,
		Optional<Instant> lastRequest) {

	public SandboxTotals {
		requests = Map.copyOf(requests);
		statuses = Map.copyOf(statuses);
		noise = Map.copyOf(noise);
		faults = Map.copyOf(faults);
	}

	public long totalRequests() {
		return this.requests.values().stream().mapToLong(Long::longValue).sum();
	}

	/** Requests the rate limit let through (every request but the ones it refused). */
	public long acceptedRequests() {
		return totalRequests() - this.environmentRateLimited;
	}

	/** One line of {@code key=value} pairs, easy for a script to pick apart. */
	public String describe() {
		return "sandbox totals: requests=" + totalRequests() + " environment-429=" + this.environmentRateLimited
				+ " accepted=" + acceptedRequests() + " allowed=" + Math.round(this.allowedRequests)
				+ " first-request-ms=" + this.firstRequest.map(Instant::toEpochMilli).orElse(0L) + " last-request-ms="
				+ this.lastRequest.map(Instant::toEpochMilli).orElse(0L) + noiseFields() + " faults="
				+ new TreeMap<>(this.faults) + " statuses=" + new TreeMap<>(this.statuses) + " routes="
				+ new TreeMap<>(this.requests);
	}

	private String noiseFields() {
		StringBuilder fields = new StringBuilder();
		for (Noise kind : Noise.values()) {
			fields.append(" noise-").append(kind.label()).append('=').append(this.noise.getOrDefault(kind.label(), 0L));
		}
		return fields.toString();
	}

}
