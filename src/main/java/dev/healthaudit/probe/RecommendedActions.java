package dev.healthaudit.probe;

import java.util.EnumMap;
import java.util.Map;

import dev.healthaudit.finding.Finding;

/** Plain-words actions from Scalekit's troubleshooting guide, one per finding. */
public final class RecommendedActions {

	private static final Map<Finding, String> ACTIONS = new EnumMap<>(Finding.class);

	static {
		ACTIONS.put(Finding.NOT_FOUND, "No connected account exists for this identifier and connection: check the "
				+ "identifier, or invite the user to connect the account.");
		ACTIONS.put(Finding.DISCONNECTED, "The account was disconnected or revoked at the provider: send the user an "
				+ "authorization link to connect it again.");
		ACTIONS.put(Finding.EXPIRED, "The grant expired and could not be refreshed: send the user an authorization "
				+ "link to re-authorize.");
		ACTIONS.put(Finding.PROBE_UNAUTHORIZED, "The provider rejects the grant although Scalekit shows it active: "
				+ "send the user an authorization link to re-authorize.");
		ACTIONS.put(Finding.PENDING_AUTH, "The user never finished connecting: send an authorization link.");
		ACTIONS.put(Finding.PENDING_VERIFICATION,
				"Ask the user to complete identity verification in your app's " + "verification flow.");
		ACTIONS.put(Finding.CONNECTION_MISCONFIGURED,
				"Check the client id and secret of this connection in " + "AgentKit > Connections.");
		ACTIONS.put(Finding.ADMIN_ACTION_REQUIRED, "Ask the Workspace or tenant admin to allow the app.");
		ACTIONS.put(Finding.UNDER_SCOPED, "Make sure the connection requests the missing scopes (AgentKit > "
				+ "Connections), then send the user an authorization link to re-authorize: existing tokens never "
				+ "gain scopes.");
		ACTIONS.put(Finding.PROBE_FORBIDDEN, "The provider denies the read-only probe although the scopes look "
				+ "complete: check the user's permissions at the provider and the probe tool in the policy.");
		ACTIONS.put(Finding.UNKNOWN_STATUS, "Scalekit reported a status this audit does not know: check the "
				+ "account in the Scalekit dashboard.");
		ACTIONS.put(Finding.INCONCLUSIVE, "Could not be decided in this run (rate limit, provider outage or "
				+ "timeout): retry later; the next run checks it again.");
		ACTIONS.put(Finding.REFRESHED, "None: the grant recovered when its token was refreshed.");
		ACTIONS.put(Finding.HEALTHY, "None.");
	}

	private RecommendedActions() {
	}

	public static String forFinding(Finding finding) {
		return ACTIONS.get(finding);
	}

	/**
	 * The action for the verdict's health; a recognised provider failure brings its own,
	 * more precise advice.
	 */
	static String forVerdict(Verdict verdict) {
		if (verdict.rule().isPresent() && verdict.rule().get().finding() == verdict.health()) {
			return verdict.rule().get().action();
		}
		return forFinding(verdict.health());
	}

}
