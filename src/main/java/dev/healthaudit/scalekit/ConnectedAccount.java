package dev.healthaudit.scalekit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A connected account as read from the API, without its credentials: the access and
 * refresh tokens are dropped while parsing and never held in memory longer than the
 * response body.
 *
 * @param status the status as sent on the wire ({@code ACTIVE}, {@code EXPIRED}, ... or a
 * value we do not know yet)
 * @param grantedScopes scopes of the stored grant; empty for list items, which carry no
 * authorization details
 */
public record ConnectedAccount(String id, String identifier, String connector, String provider, String connectionId,
		String status, String authorizationType, List<String> grantedScopes, Optional<Instant> tokenExpiresAt,
		Optional<Instant> updatedAt, Optional<Instant> lastUsedAt) {

	public ConnectedAccount {
		grantedScopes = List.copyOf(grantedScopes);
	}

}
