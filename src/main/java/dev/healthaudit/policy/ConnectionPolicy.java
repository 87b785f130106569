package dev.healthaudit.policy;

import java.util.List;
import java.util.Objects;

/**
 * What the policy says about one Scalekit connection: the scopes the team's tools need, the probe, and the
 * provider's quota for probes ({@code rateLimit}, requests per second across the whole run).
 */
public record ConnectionPolicy(String name, List<String> requiredScopes, ProbeSettings probe, double rateLimit) {

	/** Probe requests per second when the policy does not say. */
	public static final double DEFAULT_RATE_LIMIT = 10;

	public ConnectionPolicy {
		Objects.requireNonNull(name, "name");
		requiredScopes = (requiredScopes != null) ? List.copyOf(requiredScopes) : List.of();
	}

}
