package dev.healthaudit.probe;

/**
 * What an account's verdict rests on: HTTP status (0 when none), the error code
 * ({@code error_code}, and the provider's {@code tool_error_code} after a slash), and a
 * sanitized, truncated message.
 */
public record Evidence(int httpStatus, String errorCode, String detail) {

	public static final Evidence NONE = new Evidence(0, "", "");

	public boolean isEmpty() {
		return this.httpStatus == 0 && this.errorCode.isEmpty() && this.detail.isEmpty();
	}

}
