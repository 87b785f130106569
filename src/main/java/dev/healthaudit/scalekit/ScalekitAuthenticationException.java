package dev.healthaudit.scalekit;

/**
 * The token endpoint refused our client credentials (or answered something that is not a
 * token). Every further call would fail the same way, so this stops the job instead of
 * becoming a per-account result.
 */
public class ScalekitAuthenticationException extends RuntimeException {

	public ScalekitAuthenticationException(String message) {
		super(message);
	}

}
