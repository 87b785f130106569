package dev.healthaudit.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * The mutable side of one account inside a running server: status, token generation and
 * expiry, timestamps and how many tool calls it has seen. Scenarios that change over time
 * (refresh on tool use, provider 429s that pass) read and advance this atomically.
 */
final class AccountState {

	/** How long a provider access token lives once Scalekit has refreshed it. */
	static final Duration PROVIDER_TOKEN_LIFETIME = Duration.ofHours(1);

	/** Marks an unset timestamp; epoch millis keep a million states small. */
	private static final long UNSET = Long.MIN_VALUE;

	private final SandboxAccount account;

	private final long seed;

	private ConnectorStatus status;

	private int tokenGeneration;

	private long tokenExpiresAt;

	private long updatedAt;

	private long lastUsedAt;

	private int toolCalls;

	AccountState(SandboxAccount account, long seed, Instant start) {
		this.account = account;
		this.seed = seed;
		this.status = account.initialStatus();
		long now = start.toEpochMilli();
		long age = account.tokenAgeMinutes();
		if (this.status == ConnectorStatus.EXPIRED) {
			this.tokenExpiresAt = now - Duration.ofHours(1 + age).toMillis();
			this.updatedAt = this.tokenExpiresAt - PROVIDER_TOKEN_LIFETIME.toMillis();
			this.lastUsedAt = this.updatedAt + Duration.ofMinutes(age).toMillis();
		}
		else if (this.status.holdsTokens()) {
			// Scalekit refreshes 5 minutes before expiry, so a live token has at least
			// that much left.
			this.tokenExpiresAt = now + Duration.ofMinutes(6 + age).toMillis();
			this.updatedAt = this.tokenExpiresAt - PROVIDER_TOKEN_LIFETIME.toMillis();
			this.lastUsedAt = now - Duration.ofHours(1 + 3 * age).toMillis();
		}
		else {
			this.tokenExpiresAt = UNSET;
			this.updatedAt = now - Duration.ofDays(1 + age).toMillis();
			this.lastUsedAt = (this.status == ConnectorStatus.DISCONNECTED) ? this.updatedAt - 3_600_000 : UNSET;
		}
	}

	SandboxAccount account() {
		return this.account;
	}

	synchronized Snapshot snapshot() {
		boolean tokens = this.status.holdsTokens();
		return new Snapshot(this.account, this.status, tokens ? accessToken() : "", tokens ? refreshToken() : "",
				instant(this.tokenExpiresAt), instant(this.updatedAt), instant(this.lastUsedAt));
	}

	/**
	 * Counts a tool call and returns its 1-based number, applying the refresh Scalekit
	 * performs on tool use where the scenario says it succeeds.
	 */
	synchronized int beginToolCall(Instant now) {
		this.toolCalls++;
		this.lastUsedAt = now.toEpochMilli();
		boolean refreshes = (this.account.scenario() == Scenario.EXPIRED_REFRESHABLE
				&& this.status == ConnectorStatus.EXPIRED)
				|| (this.account.scenario() == Scenario.PROBE_UNAUTHORIZED_RECOVERS && this.toolCalls == 1);
		if (refreshes) {
			this.status = ConnectorStatus.ACTIVE;
			this.tokenGeneration++;
			this.tokenExpiresAt = now.plus(PROVIDER_TOKEN_LIFETIME).toEpochMilli();
			this.updatedAt = now.toEpochMilli();
		}
		return this.toolCalls;
	}

	/**
	 * Sets when the account was last used (null: never), as a later night finds it
	 * ({@link FleetNights}).
	 */
	synchronized void lastUsedAt(@Nullable Instant lastUsedAt) {
		this.lastUsedAt = (lastUsedAt != null) ? lastUsedAt.toEpochMilli() : UNSET;
	}

	synchronized int toolCalls() {
		return this.toolCalls;
	}

	private static @Nullable Instant instant(long epochMillis) {
		return (epochMillis == UNSET) ? null : Instant.ofEpochMilli(epochMillis);
	}

	/**
	 * Fake provider tokens in each provider's familiar shape; they are secrets to the
	 * client all the same.
	 */
	private String accessToken() {
		String prefix = switch (this.account.connection()) {
			case GMAIL -> "ya29.";
			case SLACK -> "xoxp-";
			case OUTLOOK -> "EwB";
			case GITHUB -> "gho_";
		};
		// a fixed marker, so that leak tests can grep every output for any provider token
		// the sandbox handed out
		return prefix + SandboxTokens.ACCESS_TOKEN_MARKER + "-" + digest("access:" + this.tokenGeneration);
	}

	private String refreshToken() {
		return "1//" + SandboxTokens.REFRESH_TOKEN_MARKER + "-" + digest("refresh");
	}

	private String digest(String purpose) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			byte[] hash = sha
				.digest((this.seed + ":" + this.account.id() + ":" + purpose).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A consistent view of an account for one response. Null instants mean the field is
	 * not set.
	 */
	record Snapshot(SandboxAccount account, ConnectorStatus status, String accessToken, String refreshToken,
			Instant tokenExpiresAt, Instant updatedAt, Instant lastUsedAt) {

	}

}
