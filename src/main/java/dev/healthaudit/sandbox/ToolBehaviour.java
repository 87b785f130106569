package dev.healthaudit.sandbox;

import tools.jackson.databind.node.ObjectNode;

/**
 * What a provider answers to a tool call, by scenario and by how many calls the account
 * has seen. The same rules apply to every tool of the connection, the probe included.
 */
final class ToolBehaviour {

	private ToolBehaviour() {
	}

	static Outcome outcome(SandboxAccount account, int call, String toolName) {
		SandboxConnection connection = account.connection();
		return switch (account.scenario()) {
			case HEALTHY, UNDER_SCOPED, UNKNOWN_STATUS, EXPIRED_REFRESHABLE -> success(account, toolName);
			case PROVIDER_SLOW -> new Outcome.Slow(data(account, toolName));
			case UNDER_SCOPED_PROBE_FORBIDDEN -> new Outcome.Failed(403,
					"insufficient permissions: missing scope " + connection.probeScope(), "FORBIDDEN", false);
			case PROBE_FORBIDDEN -> new Outcome.Failed(403, forbidden(connection), "FORBIDDEN", false);
			case PROBE_UNAUTHORIZED -> invalidCredentials();
			case PROBE_UNAUTHORIZED_RECOVERS -> (call == 1) ? invalidCredentials() : success(account, toolName);
			case EXPIRED -> new Outcome.Failed(401, "Token has been expired or revoked.", "UNAUTHORIZED", false);
			case PENDING_AUTH, PENDING_VERIFICATION,
					DISCONNECTED ->
				new Outcome.Failed(401,
						"no valid credentials for connected account in status " + account.initialStatus(),
						"UNAUTHORIZED", false);
			case PROVIDER_RATE_LIMITED -> (call <= 2)
					? new Outcome.Failed(429, "rate limit exceeded at provider, retry later", "RATE_LIMITED", true)
					: success(account, toolName);
			case PROVIDER_DOWN -> new Outcome.Failed(500, "upstream service unavailable", "EXEC_FAILED", false);
			case INVALID_CLIENT -> new Outcome.Failed(401,
					"invalid_client: client authentication failed (check the OAuth app's client id and secret)",
					"UNAUTHORIZED", false);
			case ADMIN_CONSENT_REQUIRED -> new Outcome.Failed(403,
					"AADSTS65001: The user or administrator has not consented to use the application with ID "
							+ "'00000000-5a4d-b0c5-0000-000000000000' named 'Sandbox Agent'. Send an interactive "
							+ "authorization request for this user and resource.",
					"FORBIDDEN", false);
			case USER_NOT_IN_TENANT -> new Outcome.Failed(401,
					"AADSTS50020: User account from identity provider does not exist in tenant 'Sandbox Corp' and "
							+ "cannot access the application in that tenant.",
					"UNAUTHORIZED", false);
			case GOOGLE_ACCESS_BLOCKED -> new Outcome.Failed(403,
					"Access blocked: admin_policy_enforced - your administrator has blocked this app", "FORBIDDEN",
					false);
			case SLACK_APPROVAL_REQUIRED -> new Outcome.Failed(403,
					"restricted_action: app installation requires workspace admin approval", "FORBIDDEN", false);
		};
	}

	private static Outcome invalidCredentials() {
		return new Outcome.Failed(401, "Invalid Credentials", "UNAUTHORIZED", false);
	}

	private static String forbidden(SandboxConnection connection) {
		return switch (connection) {
			case GMAIL -> "The caller does not have permission";
			case SLACK -> "not_authorized: the token is not allowed to call this method";
			case OUTLOOK -> "ErrorAccessDenied: Access is denied. Check credentials and try again.";
			case GITHUB -> "Resource not accessible by integration";
		};
	}

	private static Outcome success(SandboxAccount account, String toolName) {
		return new Outcome.Succeeded(data(account, toolName));
	}

	/**
	 * A plausible provider object for the probe tools; other tools get a minimal
	 * acknowledgement.
	 */
	static ObjectNode data(SandboxAccount account, String toolName) {
		ObjectNode data = WireFormat.object();
		int n = account.tokenAgeMinutes();
		switch (toolName) {
			case "gmail_get_profile" -> {
				data.put("emailAddress", account.email());
				data.put("messagesTotal", 1000 + 37 * n);
				data.put("threadsTotal", 600 + 21 * n);
				data.put("historyId", String.valueOf(550000 + n));
			}
			case "slack_auth_test" -> {
				data.put("ok", true);
				data.put("url", "https://sandbox-workspace.slack.com/");
				data.put("team", "Sandbox Workspace");
				data.put("user", account.userId());
				data.put("team_id", "T0SANDBOX1");
				data.put("user_id", "U" + account.id().substring(3, 13));
				data.put("is_enterprise_install", false);
			}
			case "outlook_mailbox_settings_get" -> {
				data.put("@odata.context",
						"https://graph.microsoft.com/v1.0/$metadata#users('" + account.email() + "')/mailboxSettings");
				data.put("timeZone", "UTC");
				ObjectNode language = data.putObject("language");
				language.put("locale", "en-US");
				language.put("displayName", "English (United States)");
				data.put("dateFormat", "yyyy-MM-dd");
				data.put("timeFormat", "HH:mm");
				data.put("userPurpose", "user");
				data.putObject("automaticRepliesSetting").put("status", "disabled");
			}
			case "github_user_get_authenticated" -> {
				data.put("login", account.userId().replace('_', '-'));
				data.put("id", 1_000_000L + Long.parseLong(account.id().substring(account.id().length() - 6)));
				data.put("type", "User");
				data.put("name", "Sandbox User " + account.userId().substring(4));
				data.put("email", account.email());
			}
			default -> {
				data.put("ok", true);
				data.put("tool", toolName);
			}
		}
		return data;
	}

	/** The provider's answer, before the gateway wraps it. */
	sealed interface Outcome {

		record Succeeded(ObjectNode data) implements Outcome {
		}

		/** Succeeds, but only after the slow-probe delay. */
		record Slow(ObjectNode data) implements Outcome {
		}

		record Failed(int providerStatus, String message, String toolErrorCode, boolean retryAfter) implements Outcome {
		}

	}

}
