package dev.healthaudit.scalekit;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What came back for one request: the answer's status, its body as read within the
 * route's limit and its {@code Retry-After} header; or, when no answer came, the failure
 * that prevented it.
 *
 * @param failure null when an answer arrived
 */
record Answer(int status, BoundedBody.Body body, Optional<String> retryAfterHeader, @Nullable ApiFailure failure) {

	static Answer received(int status, BoundedBody.Body body, Optional<String> retryAfterHeader) {
		return new Answer(status, body, retryAfterHeader, null);
	}

	static Answer failed(ApiFailure failure) {
		return new Answer(0, new BoundedBody.Body.Bytes(new byte[0]), Optional.empty(), failure);
	}

	boolean isSuccess() {
		return this.status / 100 == 2;
	}

	/** The body, or nothing when it was too large to read. */
	byte[] bytes() {
		return (this.body instanceof BoundedBody.Body.Bytes read) ? read.bytes() : new byte[0];
	}

	/**
	 * The server's {@code Retry-After}, clamped (see {@link ServerValues#retryAfter}).
	 */
	Optional<Duration> retryAfter(Instant now) {
		return ServerValues.retryAfter(this.retryAfterHeader, now);
	}

	/**
	 * An error answer as one of the {@link ApiFailure}s: a provider's {@code TOOL_ERROR}
	 * whatever its status, then by status; a redirect or any other status is an
	 * {@code InvalidRequest}.
	 */
	ApiFailure toFailure(ApiError error, Instant now) {
		if (error.isToolError()) {
			return new ApiFailure.ProviderError(this.status, retryAfter(now), error);
		}
		if (this.status == 401) {
			return new ApiFailure.CredentialsRefused(error);
		}
		if (this.status == 403) {
			return new ApiFailure.Forbidden(error);
		}
		if (this.status == 404) {
			return new ApiFailure.NotFound(error);
		}
		if (this.status == 429) {
			return new ApiFailure.RateLimited(retryAfter(now), error);
		}
		if (this.status >= 500) {
			return new ApiFailure.ServerError(this.status, retryAfter(now), error);
		}
		return new ApiFailure.InvalidRequest(this.status, error);
	}

}
