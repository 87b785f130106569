package dev.healthaudit.finding;

import java.util.Comparator;

/**
 * The fixed findings vocabulary of product §4.3, declared in severity order: the first
 * constant is the most severe. An account's health is its most severe finding.
 */
public enum Finding {

	NOT_FOUND, DISCONNECTED, EXPIRED, PROBE_UNAUTHORIZED, PENDING_AUTH, PENDING_VERIFICATION, CONNECTION_MISCONFIGURED,
	ADMIN_ACTION_REQUIRED, UNDER_SCOPED, PROBE_FORBIDDEN, UNKNOWN_STATUS, INCONCLUSIVE, REFRESHED, HEALTHY;

	/** Orders findings from most to least severe. */
	public static final Comparator<Finding> BY_SEVERITY = Comparator.naturalOrder();

	/**
	 * The account's user must act (product §5, re-authentication campaign): everything
	 * but admin, connection and inconclusive problems, which the user cannot fix.
	 */
	public boolean userMustAct() {
		return this == EXPIRED || this == DISCONNECTED || this == PENDING_AUTH || this == PROBE_UNAUTHORIZED
				|| this == UNDER_SCOPED || this == PENDING_VERIFICATION;
	}

	/**
	 * The user fixes it by re-authorizing, so an authorization link helps (identity
	 * verification has its own flow).
	 */
	public boolean fixedByAuthorizationLink() {
		return userMustAct() && this != PENDING_VERIFICATION;
	}

	/** Neither healthy nor recovered: a row of {@code findings.csv}. */
	public boolean isProblem() {
		return this != HEALTHY && this != REFRESHED;
	}

	/**
	 * True when this finding is at least as severe as {@code threshold} (the meaning of
	 * {@code fail-on}).
	 */
	public boolean atLeastAsSevereAs(Finding threshold) {
		return compareTo(threshold) <= 0;
	}

}
