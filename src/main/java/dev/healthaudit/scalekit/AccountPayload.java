package dev.healthaudit.scalekit;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.jspecify.annotations.NullUnmarked;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A connected account as sent on the wire (in {@code /auth} answers and list pages). Of
 * its authorization details only the granted scopes are bound: the provider's access and
 * refresh tokens are skipped while parsing and never reach an object. Timestamps are kept
 * as texts, so that an unreadable one is absent rather than a failure.
 */
@JsonNaming(SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@NullUnmarked
record AccountPayload(String id, String identifier, String connector, String provider,
		@JsonAlias("connectionId") String connectionId, String status,
		@JsonAlias("authorizationType") String authorizationType,
		@JsonAlias("authorizationDetails") AuthorizationDetails authorizationDetails,
		@JsonAlias("tokenExpiresAt") String tokenExpiresAt, @JsonAlias("updatedAt") String updatedAt,
		@JsonAlias("lastUsedAt") String lastUsedAt) {

	/** An account whose fields were all left out. */
	static final AccountPayload ABSENT = new AccountPayload(null, null, null, null, null, null, null, null, null, null,
			null);

	/** The account, with ids and statuses cut to what the results store holds. */
	ConnectedAccount toConnectedAccount() {
		return new ConnectedAccount(ServerValues.cut(ServerValues.text(this.id), ServerValues.MAX_ID_LENGTH),
				ServerValues.text(this.identifier), ServerValues.text(this.connector), ServerValues.text(this.provider),
				ServerValues.text(this.connectionId),
				ServerValues.cut(ServerValues.text(this.status), ServerValues.MAX_ID_LENGTH),
				ServerValues.text(this.authorizationType), grantedScopes(), ServerValues.instant(this.tokenExpiresAt),
				ServerValues.instant(this.updatedAt), ServerValues.instant(this.lastUsedAt));
	}

	/**
	 * The scopes of an OAuth grant or a Google domain-wide delegation, whichever the
	 * account has.
	 */
	private List<String> grantedScopes() {
		if (this.authorizationDetails == null) {
			return List.of();
		}
		return Stream.of(this.authorizationDetails.oauthToken(), this.authorizationDetails.googleDwd())
			.filter(Objects::nonNull)
			.map(Grant::scopes)
			.filter(Objects::nonNull)
			.flatMap(List::stream)
			.filter((scope) -> scope != null && !scope.isBlank())
			.toList();
	}

	/**
	 * {@code authorization_details}: one of the grants below (others, such as static
	 * credentials, are skipped).
	 */
	@JsonNaming(SnakeCaseStrategy.class)
	@JsonIgnoreProperties(ignoreUnknown = true)
	record AuthorizationDetails(@JsonAlias("oauthToken") Grant oauthToken, @JsonAlias("googleDwd") Grant googleDwd) {
	}

	/** A grant, of which only the scopes are bound (never its tokens). */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Grant(List<String> scopes) {
	}

}
