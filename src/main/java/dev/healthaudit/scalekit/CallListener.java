package dev.healthaudit.scalekit;

/**
 * Hooks around every HTTP request the client sends (retries and token renewals included): the place where rate
 * budgets are taken and call metrics are counted, without the client knowing about either.
 */
public interface CallListener {

	CallListener NONE = new CallListener() {
	};

	/** Called right before a request leaves; may block (e.g. to wait for a rate budget). */
	default void beforeCall(Route route, String connector) {
	}

	/**
	 * Called once the request has ended.
	 * @param httpStatus the answer's status, or 0 when none arrived
	 */
	default void afterCall(Route route, String connector, int httpStatus) {
	}

}
