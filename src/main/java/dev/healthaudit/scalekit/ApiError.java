package dev.healthaudit.scalekit;

import java.util.Optional;

/**
 * The parsed {@code google.rpc.Status} error body: gRPC code, message, the
 * {@code ErrorInfo.error_code} and, for upstream provider failures, the
 * {@code tool_error_info}. Fields the server left out are empty strings / -1.
 */
public record ApiError(int grpcCode, String message, String errorCode, Optional<ToolError> toolError) {

	public static final String TOOL_ERROR = "TOOL_ERROR";

	public static ApiError empty() {
		return new ApiError(-1, "", "", Optional.empty());
	}

	/**
	 * True when the failure came from the third-party provider behind a tool, not from
	 * Scalekit itself.
	 */
	public boolean isToolError() {
		return TOOL_ERROR.equals(this.errorCode) || this.toolError.isPresent();
	}

	/**
	 * Details of a failed tool execution, as the provider reported them through Scalekit.
	 */
	public record ToolError(String executionId, String message, String code) {
	}

}
