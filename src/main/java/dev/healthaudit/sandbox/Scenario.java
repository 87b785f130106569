package dev.healthaudit.sandbox;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What a sandbox account is like and how its probe answers. Every scenario except the
 * connector-specific ones can occur on any connection. Scopes are the connection's full
 * set except for the two {@code UNDER_SCOPED*} scenarios.
 */
public enum Scenario {

	/** ACTIVE, full scopes, probe 200. */
	HEALTHY(ConnectorStatus.ACTIVE, null, 700),
	/** ACTIVE, lacks one required scope that the probe does not need, probe 200. */
	UNDER_SCOPED(ConnectorStatus.ACTIVE, null, 50),
	/** ACTIVE, lacks the probe's own scope, probe 403. */
	UNDER_SCOPED_PROBE_FORBIDDEN(ConnectorStatus.ACTIVE, null, 15),
	/** ACTIVE, full scopes, probe 403 all the same. */
	PROBE_FORBIDDEN(ConnectorStatus.ACTIVE, null, 15),
	/** ACTIVE, but the provider rejects the grant on every probe (401). */
	PROBE_UNAUTHORIZED(ConnectorStatus.ACTIVE, null, 20),
	/**
	 * ACTIVE, first probe 401 (Scalekit refreshes the token on that failed call), every
	 * later probe 200.
	 */
	PROBE_UNAUTHORIZED_RECOVERS(ConnectorStatus.ACTIVE, null, 15),
	/** EXPIRED and the refresh token is dead: probe 401. */
	EXPIRED(ConnectorStatus.EXPIRED, null, 40),
	/**
	 * EXPIRED, but the first tool call refreshes it: 200 and the account turns ACTIVE.
	 */
	EXPIRED_REFRESHABLE(ConnectorStatus.EXPIRED, null, 25),
	/** The user never finished OAuth (no tokens); a probe would get 401. */
	PENDING_AUTH(ConnectorStatus.PENDING_AUTH, null, 25),
	/** OAuth done, identity verification missing; a probe would get 401. */
	PENDING_VERIFICATION(ConnectorStatus.PENDING_VERIFICATION, null, 15),
	/**
	 * Disconnected by hand or revoked at the provider (no tokens); a probe would get 401.
	 */
	DISCONNECTED(ConnectorStatus.DISCONNECTED, null, 20),
	/**
	 * Status {@code CONNECTION_STATUS_UNSPECIFIED}, as a future enum value would look to
	 * an old client.
	 */
	UNKNOWN_STATUS(ConnectorStatus.CONNECTION_STATUS_UNSPECIFIED, null, 5),
	/**
	 * ACTIVE, the first two probes get the provider's 429 with {@code Retry-After: 1},
	 * then 200.
	 */
	PROVIDER_RATE_LIMITED(ConnectorStatus.ACTIVE, null, 20),
	/** ACTIVE, the provider fails every probe with a 500. */
	PROVIDER_DOWN(ConnectorStatus.ACTIVE, null, 10),
	/**
	 * ACTIVE, the probe answers 200 only after {@code slowProbeDelay}. Never drawn at
	 * random (weight 0) so that large benchmark fleets are not dominated by it; every
	 * fleet has one per connection.
	 */
	PROVIDER_SLOW(ConnectorStatus.ACTIVE, null, 0),
	/**
	 * The connection's OAuth client credentials are wrong: probe 401
	 * {@code invalid_client}.
	 */
	INVALID_CLIENT(ConnectorStatus.ACTIVE, SandboxConnection.GITHUB, 25),
	/** Microsoft tenant admin consent missing: probe 403 {@code AADSTS65001}. */
	ADMIN_CONSENT_REQUIRED(ConnectorStatus.ACTIVE, SandboxConnection.OUTLOOK, 13),
	/** Microsoft guest user not in the tenant: probe 401 {@code AADSTS50020}. */
	USER_NOT_IN_TENANT(ConnectorStatus.ACTIVE, SandboxConnection.OUTLOOK, 12),
	/** Google Workspace admin blocked the app: probe 403 "Access blocked". */
	GOOGLE_ACCESS_BLOCKED(ConnectorStatus.ACTIVE, SandboxConnection.GMAIL, 25),
	/**
	 * Slack workspace requires admin approval of the app: probe 403
	 * {@code restricted_action}.
	 */
	SLACK_APPROVAL_REQUIRED(ConnectorStatus.ACTIVE, SandboxConnection.SLACK, 25);

	private final ConnectorStatus initialStatus;

	private final @Nullable SandboxConnection onlyOn;

	private final int weight;

	Scenario(ConnectorStatus initialStatus, @Nullable SandboxConnection onlyOn, int weight) {
		this.initialStatus = initialStatus;
		this.onlyOn = onlyOn;
		this.weight = weight;
	}

	/** The status the account has when the server starts. */
	public ConnectorStatus initialStatus() {
		return this.initialStatus;
	}

	/**
	 * The only connection this scenario can occur on, or empty when it can occur on every
	 * connection.
	 */
	public Optional<SandboxConnection> onlyOn() {
		return Optional.ofNullable(this.onlyOn);
	}

	public boolean appliesTo(SandboxConnection connection) {
		return this.onlyOn == null || this.onlyOn == connection;
	}

	/**
	 * Relative weight (per mille of one connection's accounts) when the fleet draws
	 * accounts at random.
	 */
	int weight() {
		return this.weight;
	}

}
