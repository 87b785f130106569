package dev.healthaudit.report;

import dev.healthaudit.result.ResultRow;

/**
 * Messages written for the end user of a re-authentication campaign: friendly, no
 * provider jargon or raw errors.
 */
final class UserMessages {

	private UserMessages() {
	}

	static String forRow(ResultRow row) {
		String app = row.connectionName();
		return switch (row.health()) {
			case EXPIRED -> "Your " + app + " connection has expired. Please reconnect it so your assistant can keep "
					+ "working for you.";
			case DISCONNECTED ->
				"Your " + app + " account was disconnected. Please connect it again to restore " + "access.";
			case PENDING_AUTH -> "You started connecting your " + app + " account but did not finish. Please complete "
					+ "the connection.";
			case PROBE_UNAUTHORIZED ->
				app + " no longer accepts the access you granted. Please reconnect your " + "account.";
			case UNDER_SCOPED -> "We need a few more permissions for your " + app + " account. Please reconnect it "
					+ "and approve the requested access.";
			case PENDING_VERIFICATION ->
				"Please finish verifying your identity to complete your " + app + " connection.";
			default -> "";
		};
	}

}
