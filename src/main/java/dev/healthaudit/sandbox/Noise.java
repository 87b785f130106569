package dev.healthaudit.sandbox;

/**
 * The kinds of a {@link NoisePlan}, in the order they are checked: the first that hits a
 * request answers it.
 */
enum Noise {

	/** Scalekit's own 429: its gateway refuses before anything else. */
	AUTH_RATE_LIMITED("auth-rate-limited"),
	/** A 5xx from Scalekit's side. */
	SERVER_ERROR("server-error"),
	/** The provider refused the tool call. */
	PROVIDER_RATE_LIMITED("provider-rate-limited");

	static final String AUTH_PATH = "/api/v1/connected_accounts/auth";

	static final String EXECUTE_TOOL_PATH = "/api/v1/execute_tool";

	private final String label;

	Noise(String label) {
		this.label = label;
	}

	/** The name used in the totals and in option names. */
	String label() {
		return this.label;
	}

	boolean appliesTo(String path) {
		return switch (this) {
			case AUTH_RATE_LIMITED -> path.equals(AUTH_PATH);
			case PROVIDER_RATE_LIMITED -> path.equals(EXECUTE_TOOL_PATH);
			case SERVER_ERROR -> true;
		};
	}

}
