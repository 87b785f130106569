package dev.healthaudit.policy;

import org.jspecify.annotations.NullUnmarked;

import java.util.List;
import java.util.Objects;

/**
 * What the policy says about one Scalekit connection: the scopes the team's tools need,
 * the probe, and the provider's quota for probes ({@code rateLimit}, requests per second
 * across the whole run).
 */
@NullUnmarked
public record ConnectionPolicy(String name, List<String> requiredScopes, ProbeSettings probe, double rateLimit) {

	/** What Scalekit accepts as a connection name. */
	static final String NAME_PATTERN = "^[a-zA-Z0-9_: -]{1,400}$";

	static final String NAME_RULE = "(expected 1 to 400 letters, digits, '_', ':', '-' or spaces)";

	public ConnectionPolicy {
		Objects.requireNonNull(name, "name");
		requiredScopes = (requiredScopes != null) ? List.copyOf(requiredScopes) : List.of();
	}

}
