package dev.healthaudit.scalekit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Hooks around every HTTP request the client sends (retries and token renewals included):
 * the place where rate budgets are taken and call metrics are counted, without the client
 * knowing about either.
 */
public interface CallListener {

	CallListener NONE = new CallListener() {
	};

	/**
	 * Called right before a request leaves; may block (e.g. to wait for a rate budget).
	 */
	default void beforeCall(Route route, String connector) {
	}

	/**
	 * Called once the request has ended.
	 * @param httpStatus the answer's status, or 0 when none arrived
	 */
	default void afterCall(Route route, String connector, int httpStatus) {
	}

	/**
	 * Called once the request has ended, with what a rate budget needs to know about the
	 * answer. By default it forwards to {@link #afterCall(Route, String, int)}, so
	 * listeners that only count statuses need not care.
	 */
	default void afterCall(Route route, String connector, Ending ending) {
		afterCall(route, connector, ending.httpStatus());
	}

	/** A listener that calls each of {@code listeners} in turn. */
	static CallListener compose(CallListener... listeners) {
		List<CallListener> all = List.of(listeners);
		return new CallListener() {

			@Override
			public void beforeCall(Route route, String connector) {
				all.forEach((listener) -> listener.beforeCall(route, connector));
			}

			@Override
			public void afterCall(Route route, String connector, int httpStatus) {
				all.forEach((listener) -> listener.afterCall(route, connector, httpStatus));
			}

			@Override
			public void afterCall(Route route, String connector, Ending ending) {
				all.forEach((listener) -> listener.afterCall(route, connector, ending));
			}

		};
	}

	/**
	 * How a request ended.
	 *
	 * @param httpStatus the answer's status, or 0 when none arrived
	 * @param retryAfter the server's {@code Retry-After}, when it sent one
	 * @param providerError whether the error body says {@code TOOL_ERROR}: the provider
	 * behind a tool answered, not Scalekit (so a 429 is the provider's quota, not the
	 * environment's)
	 * @param request what the request asked (a hash of route, query and body; 0 when
	 * unknown): the same request refused again is one user's quota said twice, not new
	 * evidence of a limit
	 */
	record Ending(int httpStatus, Optional<Duration> retryAfter, boolean providerError, int request) {

		public Ending(int httpStatus, Optional<Duration> retryAfter, boolean providerError) {
			this(httpStatus, retryAfter, providerError, 0);
		}

		public static Ending noAnswer() {
			return new Ending(0, Optional.empty(), false);
		}

		/** HTTP 429, from Scalekit or from the provider. */
		public boolean rateLimited() {
			return this.httpStatus == 429;
		}

	}

}
