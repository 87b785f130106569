package dev.healthaudit.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The environment's client-credentials tokens: issued by {@code /oauth/token}, checked on
 * every other route.
 */
final class AccessTokens {

	private final SecureRandom random = new SecureRandom();

	private final Map<String, Instant> expiries = new ConcurrentHashMap<>();

	private final Clock clock;

	private final Duration lifetime;

	AccessTokens(Clock clock, Duration lifetime) {
		this.clock = clock;
		this.lifetime = lifetime;
	}

	String issue() {
		byte[] bytes = new byte[24];
		this.random.nextBytes(bytes);
		String token = "sbx_at_" + SandboxTokens.BEARER_TOKEN_MARKER + "-"
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		this.expiries.put(token, this.clock.instant().plus(this.lifetime));
		return token;
	}

	long lifetimeSeconds() {
		return this.lifetime.toSeconds();
	}

	/**
	 * Throws the 401 the gateway gives for a missing, unknown or expired bearer token.
	 */
	void authenticate(@Nullable String authorizationHeader) {
		if (authorizationHeader == null || authorizationHeader.isBlank()) {
			throw ApiErrors.unauthenticated("Token empty");
		}
		if (!authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
			throw ApiErrors.unauthenticated("invalid authorization header: Bearer token expected");
		}
		String token = authorizationHeader.substring(7).trim();
		Instant expiry = this.expiries.get(token);
		if (expiry == null) {
			throw ApiErrors.unauthenticated("invalid token");
		}
		if (!this.clock.instant().isBefore(expiry)) {
			throw ApiErrors.unauthenticated("token expired");
		}
	}

	/** Test hook: every token issued so far is expired from now on. */
	void expireAll() {
		Instant past = this.clock.instant().minusSeconds(1);
		this.expiries.replaceAll((token, expiry) -> past);
	}

}
