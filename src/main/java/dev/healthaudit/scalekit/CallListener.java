package dev.healthaudit.scalekit;

/**
 * Hooks around every HTTP request the client sends (retries and token renewals included): the place where rate
 * budgets are taken and call metrics are counted, without the client knowing about either.
 */
public interface CallListener {

	CallListener NONE = new CallListener() {
	};

	/**
	 * One listener that calls each of {@code listeners} in order (e.g. a rate budget, then a call counter), so the
	 * client keeps a single hook.
	 */
	static CallListener compose(CallListener... listeners) {
		CallListener[] all = listeners.clone();
		return new CallListener() {

			@Override
			public void beforeCall(Route route, String connector) {
				for (CallListener listener : all) {
					listener.beforeCall(route, connector);
				}
			}

			@Override
			public void afterCall(Route route, String connector, int httpStatus) {
				for (CallListener listener : all) {
					listener.afterCall(route, connector, httpStatus);
				}
			}

		};
	}

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
