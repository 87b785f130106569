package dev.healthaudit.scalekit;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.NullUnmarked;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

import dev.healthaudit.scalekit.AccessTokenCache.IssuedToken;

/**
 * The token endpoint's answer ({@code POST /oauth/token}). {@code expires_in} is kept as
 * sent (a number, or a number in a string) and read by {@link ServerValues#lifetime}.
 */
@JsonNaming(SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@NullUnmarked
record TokenAnswer(@JsonAlias("accessToken") String accessToken, @JsonAlias("expiresIn") JsonNode expiresIn) {

	/** Longer access tokens are refused as unusable (Scalekit's are about a kilobyte). */
	static final int MAX_TOKEN_LENGTH = 16 * 1024;

	/**
	 * The token to cache. Its lifetime is clamped to a day; a lifetime of zero, below
	 * zero or none at all makes a token used for the one request it was fetched for
	 * (renewed for the next), never an error.
	 * @throws MalformedFieldException when there is no token, or one that cannot go into
	 * a request header
	 */
	IssuedToken issued(Instant now) {
		String token = ServerValues.text(this.accessToken);
		if (token.isEmpty()) {
			throw MalformedFieldException.missing("access_token");
		}
		if (token.length() > MAX_TOKEN_LENGTH || !ServerValues.isVisibleAscii(token)) {
			throw MalformedFieldException.unusable("access_token");
		}
		return IssuedToken.issued(token, lifetime(), now);
	}

	Duration lifetime() {
		return ServerValues.lifetime(this.expiresIn);
	}

	@Override
	public String toString() {
		return "TokenAnswer[accessToken=****, expiresIn=" + this.expiresIn + "]";
	}

}
