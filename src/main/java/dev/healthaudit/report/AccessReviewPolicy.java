package dev.healthaudit.report;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.healthaudit.policy.AccessReviewSettings;
import dev.healthaudit.policy.AuditPolicy;

/**
 * What the access review needs from the run's policy: each connection's required scopes
 * (a granted scope that none of them needs is excess) and when a grant counts as unused.
 *
 * @param requiredScopes by connection name; a connection not listed gets no
 * {@code excess_scopes}
 * @param unusedAfter a grant not really used for longer than this counts as unused
 */
public record AccessReviewPolicy(Map<String, List<String>> requiredScopes, Duration unusedAfter) {

	public AccessReviewPolicy {
		requiredScopes = Map.copyOf(requiredScopes);
	}

	public static AccessReviewPolicy of(AuditPolicy policy) {
		Map<String, List<String>> required = new LinkedHashMap<>();
		policy.connections().forEach((name, connection) -> required.put(name, connection.requiredScopes()));
		return new AccessReviewPolicy(required, policy.accessReview().unusedAfter());
	}

	/**
	 * No policy known (the reports were asked for without one): no excess scopes, the
	 * default limit.
	 */
	public static AccessReviewPolicy unknown() {
		return new AccessReviewPolicy(Map.of(), AccessReviewSettings.defaults().unusedAfter());
	}

	Optional<List<String>> required(String connectionName) {
		return Optional.ofNullable(this.requiredScopes.get(connectionName));
	}

}
