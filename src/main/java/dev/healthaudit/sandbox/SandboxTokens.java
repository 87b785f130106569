package dev.healthaudit.sandbox;

/**
 * Markers inside every token the sandbox hands out, so that a test can search logs and
 * reports for any of them: a leak of one random token is easy to miss, a leak of a fixed
 * marker is not.
 */
public final class SandboxTokens {

	/**
	 * In every provider access token returned by {@code /auth}
	 * ({@code ya29.SANDBOX-ACCESS-TOKEN-...}).
	 */
	public static final String ACCESS_TOKEN_MARKER = "SANDBOX-ACCESS-TOKEN";

	/** In every provider refresh token returned by {@code /auth}. */
	public static final String REFRESH_TOKEN_MARKER = "SANDBOX-REFRESH-TOKEN";

	/** In every client-credentials (bearer) token {@code /oauth/token} issues. */
	public static final String BEARER_TOKEN_MARKER = "SANDBOX-BEARER-TOKEN";

	private SandboxTokens() {
	}

}
