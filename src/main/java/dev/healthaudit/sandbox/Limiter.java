package dev.healthaudit.sandbox;

/** How the sandbox enforces {@link SandboxSettings#requestsPerMinute()}. */
public enum Limiter {

	/**
	 * As a gateway does: at most a sixtieth of the per-minute limit in any one second
	 * (sliding window), the rest 429 {@code RATE_LIMITED}; follows a
	 * {@link LimitSchedule}.
	 */
	WINDOW,
	/**
	 * The stricter limiter of earlier versions, kept so that benchmark figures stay
	 * comparable: a token bucket refilled evenly, holding a tenth of a second's worth, so
	 * even short bunching of evenly sent requests is refused.
	 */
	BUCKET

}
