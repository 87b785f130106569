package dev.healthaudit.scalekit;

import java.time.Instant;

/**
 * A time-limited re-authorization link. The link is a bearer secret: {@link #toString()}
 * never shows it.
 */
public record AuthorizationLink(String link, Instant expiry) {

	@Override
	public String toString() {
		return "AuthorizationLink[link=****, expiry=" + this.expiry + "]";
	}

}
