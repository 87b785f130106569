package dev.healthaudit.scalekit;

import java.time.Duration;
import java.util.Optional;

/**
 * Why an API call did not succeed. A closed set: callers decide per type, and "not
 * found", "rate-limited", "provider error" and "timed out" never collapse into one
 * another.
 */
public sealed interface ApiFailure {

	/** HTTP status of the answer, or 0 when no answer arrived. */
	int httpStatus();

	/** The parsed error body (empty when there was none). */
	ApiError error();

	/**
	 * Worth trying again later: rate limits, server trouble, timeouts and broken
	 * connections.
	 */
	boolean isTransient();

	/** A one-line description for evidence columns; never contains secrets. */
	default String describe() {
		return "HTTP " + httpStatus() + " " + summary(error());
	}

	/** How long the server asked us to wait, when it said so. */
	default Optional<Duration> retryAfter() {
		return Optional.empty();
	}

	/** 404: the account (or tool) does not exist. */
	record NotFound(ApiError error) implements ApiFailure {
		public int httpStatus() {
			return 404;
		}

		public boolean isTransient() {
			return false;
		}
	}

	/**
	 * 401 from Scalekit itself (not a provider's {@code TOOL_ERROR}), still so after
	 * renewing our access token once: Scalekit refuses <em>our</em> client's credentials,
	 * whatever the account. Transient: a token that a misbehaving gateway or a
	 * credentials rotation refuses for a while must leave accounts undecided and retried,
	 * not decided. Evidence records it under the error code {@value #CODE}, so that a run
	 * can tell "our credentials were refused" from anything wrong with the accounts.
	 */
	record CredentialsRefused(ApiError error) implements ApiFailure {

		/**
		 * The error code under which the audit records this failure (instead of the
		 * server's own).
		 */
		public static final String CODE = "credentials_refused";

		public int httpStatus() {
			return 401;
		}

		public boolean isTransient() {
			return true;
		}

		public String describe() {
			String code = summary(this.error);
			return "HTTP 401 credentials refused: Scalekit rejected our access token even after renewing it"
					+ (code.isEmpty() ? "" : " (" + code + ")");
		}
	}

	/** 403 from Scalekit itself: our client may not do this. */
	record Forbidden(ApiError error) implements ApiFailure {
		public int httpStatus() {
			return 403;
		}

		public boolean isTransient() {
			return false;
		}
	}

	/** 429 {@code RATE_LIMITED}: the Scalekit environment budget was exceeded. */
	record RateLimited(Optional<Duration> retryAfter, ApiError error) implements ApiFailure {
		public int httpStatus() {
			return 429;
		}

		public boolean isTransient() {
			return true;
		}
	}

	/**
	 * {@code TOOL_ERROR}: the provider behind a tool failed; the HTTP status follows the
	 * provider's (401 dead grant, 403 missing permission, 429 provider quota, 5xx
	 * provider trouble).
	 */
	record ProviderError(int httpStatus, Optional<Duration> retryAfter, ApiError error) implements ApiFailure {
		public boolean isTransient() {
			return this.httpStatus == 429 || this.httpStatus >= 500;
		}
	}

	/**
	 * Any other status: the request itself was refused (validation, conflict), or an
	 * answer no API call should get, such as a redirect (never followed: a redirect could
	 * send our token elsewhere).
	 */
	record InvalidRequest(int httpStatus, ApiError error) implements ApiFailure {
		public boolean isTransient() {
			return false;
		}

		public String describe() {
			return (this.httpStatus / 100 == 3) ? "HTTP " + this.httpStatus + " redirect, not followed"
					: ApiFailure.super.describe();
		}
	}

	/** 5xx from Scalekit itself. */
	record ServerError(int httpStatus, Optional<Duration> retryAfter, ApiError error) implements ApiFailure {
		public boolean isTransient() {
			return true;
		}
	}

	/** No answer within the timeout. */
	record TimedOut(String detail) implements ApiFailure {
		public int httpStatus() {
			return 0;
		}

		public ApiError error() {
			return ApiError.empty();
		}

		public boolean isTransient() {
			return true;
		}

		public String describe() {
			return "timed out: " + this.detail;
		}
	}

	/** The connection failed or broke before an answer arrived. */
	record NetworkError(String detail) implements ApiFailure {
		public int httpStatus() {
			return 0;
		}

		public ApiError error() {
			return ApiError.empty();
		}

		public boolean isTransient() {
			return true;
		}

		public String describe() {
			return "network error: " + this.detail;
		}
	}

	/**
	 * An answer arrived but could not be understood (not JSON, truncated, missing
	 * fields).
	 */
	record MalformedResponse(int httpStatus, String detail) implements ApiFailure {
		public ApiError error() {
			return ApiError.empty();
		}

		public boolean isTransient() {
			return true;
		}

		public String describe() {
			return "HTTP " + this.httpStatus + " malformed response: " + this.detail;
		}
	}

	/**
	 * A successful answer longer than the route allows (the package documentation gives
	 * the limits). Not transient: the same server would send the same answer again; the
	 * connection is closed after the first bytes over the limit.
	 */
	record TooLarge(int httpStatus, long limitBytes) implements ApiFailure {
		public ApiError error() {
			return ApiError.empty();
		}

		public boolean isTransient() {
			return false;
		}

		public String describe() {
			return "HTTP " + this.httpStatus + " answer larger than " + size(this.limitBytes);
		}
	}

	/** {@code 65536} as {@code 64 KiB}, {@code 1048576} as {@code 1 MiB}. */
	static String size(long bytes) {
		if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
			return bytes / (1024 * 1024) + " MiB";
		}
		return (bytes >= 1024 && bytes % 1024 == 0) ? bytes / 1024 + " KiB" : bytes + " bytes";
	}

	private static String summary(ApiError error) {
		StringBuilder text = new StringBuilder();
		if (!error.errorCode().isEmpty()) {
			text.append(error.errorCode());
		}
		error.toolError().ifPresent((tool) -> {
			if (!tool.code().isEmpty()) {
				text.append(text.isEmpty() ? "" : " ").append(tool.code());
			}
		});
		return text.toString();
	}

}
