package dev.healthaudit.sandbox;

import java.util.List;

/**
 * One connected account of the sandbox fleet as it is when a server starts. Immutable:
 * what changes at run time (status flips, rotated tokens, probe counters) lives in the
 * server, so two servers built from the same settings behave identically.
 *
 * @param id the Scalekit id, {@code ca_} and digits
 * @param identifier the end-user identifier: an email for Gmail and Outlook, a user id
 * for Slack and GitHub
 * @param connector the connection name
 * @param provider the provider key ({@code GMAIL}, {@code SLACK}, {@code OUTLOOK},
 * {@code GITHUB})
 * @param connectionId the connection's {@code conn_} id
 * @param scenario what the account is like and how its probe answers
 * @param scopes the granted scopes
 * @param email the user's email, carried in the input CSV
 * @param userId the team's own user id, carried in the input CSV
 * @param tokenAgeMinutes a deterministic spread (0-59) for timestamps, so accounts do not
 * all look alike
 */
public record SandboxAccount(String id, String identifier, String connector, String provider, String connectionId,
		Scenario scenario, List<String> scopes, String email, String userId, int tokenAgeMinutes) {

	public SandboxAccount {
		scopes = List.copyOf(scopes);
	}

	public AccountKey key() {
		return new AccountKey(this.connector, this.identifier);
	}

	public SandboxConnection connection() {
		return SandboxConnection.named(this.connector).orElseThrow();
	}

	public ConnectorStatus initialStatus() {
		return this.scenario.initialStatus();
	}

	/** The scopes a healthy account of this connection has and this one lacks. */
	public List<String> missingScopes() {
		return connection().scopes().stream().filter((scope) -> !this.scopes.contains(scope)).toList();
	}

}
