package dev.healthaudit.sandbox;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The four connections the sandbox environment has configured. The connection name is
 * also the {@code connector} value on the wire; the scopes are the full set a healthy
 * account is granted.
 */
public enum SandboxConnection {

	GMAIL("gmail", "GMAIL", "gmail_get_profile", "https://www.googleapis.com/auth/gmail.readonly",
			List.of("https://www.googleapis.com/auth/gmail.readonly", "https://www.googleapis.com/auth/userinfo.email"),
			List.of("gmail_fetch_mails", "gmail_send_email")),

	SLACK("slack", "SLACK", "slack_auth_test", "users:read", List.of("channels:read", "users:read", "chat:write"),
			List.of("slack_list_channels", "slack_send_message")),

	OUTLOOK("outlook", "OUTLOOK", "outlook_mailbox_settings_get", "MailboxSettings.Read",
			List.of("MailboxSettings.Read", "Mail.Read", "User.Read", "offline_access"),
			List.of("outlook_list_messages", "outlook_send_message")),

	GITHUB("github", "GITHUB", "github_user_get_authenticated", "read:user", List.of("read:user", "repo"),
			List.of("github_repos_list", "github_issue_create"));

	private final String connectionName;

	private final String provider;

	private final String probeTool;

	private final String probeScope;

	private final List<String> scopes;

	private final List<String> otherTools;

	SandboxConnection(String connectionName, String provider, String probeTool, String probeScope, List<String> scopes,
			List<String> otherTools) {
		this.connectionName = connectionName;
		this.provider = provider;
		this.probeTool = probeTool;
		this.probeScope = probeScope;
		this.scopes = scopes;
		this.otherTools = otherTools;
	}

	/** The connection name, sent as {@code connector} on the wire. */
	public String connectionName() {
		return this.connectionName;
	}

	/** The provider key as the API spells it ({@code GMAIL}, ...). */
	public String provider() {
		return this.provider;
	}

	/** The read-only tool an audit runs to prove the grant works end to end. */
	public String probeTool() {
		return this.probeTool;
	}

	/**
	 * The one scope the probe tool itself needs; an account without it gets a 403 from
	 * the probe.
	 */
	public String probeScope() {
		return this.probeScope;
	}

	/**
	 * Every scope a healthy account holds, which is also what the audit policy requires.
	 */
	public List<String> scopes() {
		return this.scopes;
	}

	/** The connection's tool catalogue: the probe first, then a read and a write tool. */
	public List<String> tools() {
		return Stream.concat(Stream.of(this.probeTool), this.otherTools.stream()).toList();
	}

	public static Optional<SandboxConnection> named(String connectionName) {
		for (SandboxConnection connection : values()) {
			if (connection.connectionName.equals(connectionName)) {
				return Optional.of(connection);
			}
		}
		return Optional.empty();
	}

	public static Optional<SandboxConnection> owningTool(String toolName) {
		for (SandboxConnection connection : values()) {
			if (connection.tools().contains(toolName)) {
				return Optional.of(connection);
			}
		}
		return Optional.empty();
	}

}
