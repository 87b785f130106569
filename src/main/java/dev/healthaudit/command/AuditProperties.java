package dev.healthaudit.command;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.healthaudit.sandbox.Limiter;

/**
 * Settings of the command that are not part of a policy (they describe this installation,
 * not the audit).
 *
 * @param dataDir where the embedded H2 database file lives
 * @param progressInterval how often a progress line is logged
 * @param leaseTtl how long a run's lease on its policy outlives a process that stopped
 * renewing it
 * @param sandbox the built-in sandbox used by {@code --sandbox}
 * @param maxRejectShare the largest share of CSV input records that may be rejected
 * before the run refuses the input
 * @param chunkSize accounts per chunk (one transaction, one checkpoint); 0 for sixteen
 * times the policy's concurrency, between 10 and 2,000
 */
@ConfigurationProperties("audit")
public record AuditProperties(@DefaultValue("data") String dataDir, @DefaultValue("10s") Duration progressInterval,
		@DefaultValue("60s") Duration leaseTtl, @DefaultValue Sandbox sandbox,
		@DefaultValue("0.5") double maxRejectShare, @DefaultValue("0") int chunkSize) {

	public AuditProperties {
		if (chunkSize < 0) {
			throw new IllegalArgumentException("audit.chunk-size must be 0 (automatic) or more, got " + chunkSize);
		}
		if (maxRejectShare < 0 || maxRejectShare > 1) {
			throw new IllegalArgumentException("audit.max-reject-share must be between 0 and 1, got " + maxRejectShare);
		}
	}

	/**
	 * @param accounts fleet size
	 * @param seed fleet seed
	 * @param latency added to every sandbox answer
	 * @param latencyJitter each answer's latency is drawn uniformly from {@code latency}
	 * plus or minus this
	 * @param slowProbeDelay how long the sandbox's slow provider takes
	 * @param requestsPerMinute the sandbox environment's rate limit (0: none)
	 * @param limiter how the limit is enforced: {@code window} (at most a sixtieth of it
	 * in any one second) or {@code bucket} (the earlier, stricter token bucket)
	 * @param limitSchedule when the limit is lowered for a while,
	 * {@code <start>:<factor>:<length>[,...]}
	 * ({@code dev.healthaudit.sandbox.LimitSchedule}); empty for never
	 * @param faults transient failures the sandbox injects (none by default)
	 * @param noise sporadic failures of a real environment the sandbox injects (none by
	 * default)
	 */
	public record Sandbox(@DefaultValue("200") int accounts, @DefaultValue("42") long seed,
			@DefaultValue("0ms") Duration latency, @DefaultValue("0ms") Duration latencyJitter,
			@DefaultValue("5s") Duration slowProbeDelay, @DefaultValue("0") int requestsPerMinute,
			@DefaultValue("window") Limiter limiter, @DefaultValue("") String limitSchedule,
			@DefaultValue Faults faults, @DefaultValue Noise noise) {
	}

	/**
	 * A sandbox fault plan ({@code dev.healthaudit.sandbox.FaultPlan}): which faults, on
	 * which share of requests.
	 *
	 * @param kinds fault names, e.g. {@code RATE_LIMITED,BAD_GATEWAY,READ_TIMEOUT}; empty
	 * for none
	 * @param share chance that a burst of failures starts at any one request, 0 to 1
	 * @param route only this API path (e.g. {@code /api/v1/execute_tool}); empty for
	 * every route
	 * @param burst attempts in a row a hit request fails (token requests, for
	 * {@code TOKEN_ENDPOINT_DOWN})
	 * @param delay how late a {@code READ_TIMEOUT} answer comes
	 * @param seed decides which requests are hit
	 */
	public record Faults(@DefaultValue("") java.util.List<String> kinds, @DefaultValue("0") double share,
			@DefaultValue("") String route, @DefaultValue("1") int burst, @DefaultValue("30s") Duration delay,
			@DefaultValue("1") long seed) {
	}

	/**
	 * Sandbox noise ({@code dev.healthaudit.sandbox.NoisePlan}): each kind on its own
	 * share of requests, a hit request failing once to {@code maxBurst} times, then
	 * succeeding.
	 *
	 * @param authRateLimited share of account reads answered with Scalekit's 429
	 * {@code RATE_LIMITED}
	 * @param providerRateLimited share of tool calls answered with the provider's 429
	 * ({@code TOOL_ERROR})
	 * @param serverError share of all API calls answered with 500, 502 or 503
	 * @param maxBurst the most attempts in a row a hit request fails
	 * @param seed decides which requests are hit
	 */
	public record Noise(@DefaultValue("0") double authRateLimited, @DefaultValue("0") double providerRateLimited,
			@DefaultValue("0") double serverError, @DefaultValue("2") int maxBurst, @DefaultValue("1") long seed) {
	}

}
