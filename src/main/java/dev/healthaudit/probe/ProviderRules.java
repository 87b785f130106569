package dev.healthaudit.probe;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.healthaudit.finding.Finding;

/**
 * The table of provider-specific failures. Order matters: the first matching rule wins,
 * so the more specific rules come first. To recognise a new failure, add a row.
 */
public final class ProviderRules {

	public static final List<ProviderRule> RULES = List.of(
			rule("invalid_client", Finding.CONNECTION_MISCONFIGURED,
					"invalid_client|unauthorized_client|client authentication failed|AADSTS7000215|AADSTS700016",
					"Check the client id and secret of this connection in AgentKit > Connections; every account of "
							+ "the connection fails until they are fixed.",
					true),
			rule("microsoft_admin_consent", Finding.ADMIN_ACTION_REQUIRED,
					"AADSTS65001|AADSTS90094|admin[ _-]?consent|consent_required",
					"Ask the Microsoft 365 tenant admin to grant admin consent to the app, then have users retry.",
					true),
			rule("microsoft_user_not_in_tenant", Finding.ADMIN_ACTION_REQUIRED, "AADSTS50020",
					"The user's account is not in the tenant the connection allows: ask the tenant admin to add the "
							+ "user as a guest, or allow other tenants on the connection.",
					false),
			rule("google_access_blocked", Finding.ADMIN_ACTION_REQUIRED,
					"access blocked|admin_policy_enforced|app (is not|isn't|not) verified|unverified app|org_internal",
					"Ask the Google Workspace admin to trust the app (API controls > App access control), or verify "
							+ "the app with Google.",
					true),
			rule("slack_approval", Finding.ADMIN_ACTION_REQUIRED,
					"restricted_action|app_not_approved|team_access_not_granted|workspace admin approval|"
							+ "approval required|not_allowed_token_type",
					"Ask the Slack workspace admin to approve the app for the workspace.", true));

	private ProviderRules() {
	}

	/** The first rule matching the provider's message or error code. */
	public static Optional<ProviderRule> match(@Nullable String message, @Nullable String code) {
		String text = (message == null ? "" : message) + " " + (code == null ? "" : code);
		return RULES.stream().filter((rule) -> rule.matches(text)).findFirst();
	}

	private static ProviderRule rule(String id, Finding finding, String regex, String action, boolean connectionWide) {
		return new ProviderRule(id, finding, Pattern.compile(regex, Pattern.CASE_INSENSITIVE), action, connectionWide);
	}

}
