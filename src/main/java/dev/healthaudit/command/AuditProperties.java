package dev.healthaudit.command;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the command that are not part of a policy (they describe this installation, not the audit).
 *
 * @param dataDir where the embedded H2 database file lives
 * @param progressInterval how often a progress line is logged
 * @param leaseTtl how long a run's lease on its policy outlives a process that stopped renewing it
 * @param sandbox the built-in sandbox used by {@code --sandbox}
 * @param maxRejectShare the largest share of CSV input records that may be rejected before the run refuses the input
 * @param chunkSize accounts per chunk (one transaction, one checkpoint); 0 for sixteen times the policy's concurrency,
 * between 10 and 2,000
 */
@ConfigurationProperties("audit")
public record AuditProperties(@DefaultValue("data") String dataDir, @DefaultValue("10s") Duration progressInterval,
		@DefaultValue("60s") Duration leaseTtl,
		@DefaultValue Sandbox sandbox, @DefaultValue("0.5") double maxRejectShare, @DefaultValue("0") int chunkSize) {

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
	 * @param slowProbeDelay how long the sandbox's slow provider takes
	 * @param requestsPerMinute the sandbox environment's rate limit (0: none)
	 * @param faults transient failures the sandbox injects (none by default)
	 */
	public record Sandbox(@DefaultValue("200") int accounts, @DefaultValue("42") long seed,
			@DefaultValue("0ms") Duration latency, @DefaultValue("5s") Duration slowProbeDelay,
			@DefaultValue("0") int requestsPerMinute, @DefaultValue Faults faults) {
	}

	/**
	 * A sandbox fault plan ({@code dev.healthaudit.sandbox.FaultPlan}): which faults, on which share of requests.
	 *
	 * @param kinds fault names, e.g. {@code RATE_LIMITED,BAD_GATEWAY,READ_TIMEOUT}; empty for none
	 * @param share chance that a burst of failures starts at any one request, 0 to 1
	 * @param route only this API path (e.g. {@code /api/v1/execute_tool}); empty for every route
	 * @param burst attempts in a row a hit request fails (token requests, for {@code TOKEN_ENDPOINT_DOWN})
	 * @param delay how late a {@code READ_TIMEOUT} answer comes
	 * @param seed decides which requests are hit
	 */
	public record Faults(@DefaultValue("") java.util.List<String> kinds, @DefaultValue("0") double share,
			@DefaultValue("") String route, @DefaultValue("1") int burst, @DefaultValue("30s") Duration delay,
			@DefaultValue("1") long seed) {
	}

}
