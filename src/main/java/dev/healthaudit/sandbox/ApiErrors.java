package dev.healthaudit.sandbox;

import java.util.Map;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Error bodies in grpc-gateway's {@code google.rpc.Status} shape with one
 * {@code scalekit.v1.errdetails.ErrorInfo} detail, and the HTTP status grpc-gateway maps
 * each gRPC code to (wire reference §5).
 */
final class ApiErrors {

	static final String ERROR_INFO_TYPE = "type.googleapis.com/scalekit.v1.errdetails.ErrorInfo";

	static final int INVALID_ARGUMENT = 3;

	static final int NOT_FOUND = 5;

	static final int PERMISSION_DENIED = 7;

	static final int RESOURCE_EXHAUSTED = 8;

	static final int UNIMPLEMENTED = 12;

	static final int INTERNAL = 13;

	static final int UNAUTHENTICATED = 16;

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private ApiErrors() {
	}

	static int httpStatus(int grpcCode) {
		return switch (grpcCode) {
			case INVALID_ARGUMENT, 9, 11 -> 400;
			case UNAUTHENTICATED -> 401;
			case PERMISSION_DENIED -> 403;
			case NOT_FOUND -> 404;
			case 6, 10 -> 409;
			case RESOURCE_EXHAUSTED -> 429;
			case 1 -> 499;
			case UNIMPLEMENTED -> 501;
			case 14 -> 503;
			case 4 -> 504;
			default -> 500;
		};
	}

	/**
	 * The gRPC code grpc-gateway reports for an upstream provider's HTTP status, for
	 * TOOL_ERROR replies.
	 */
	static int grpcCodeForProviderStatus(int providerStatus) {
		return switch (providerStatus) {
			case 401 -> UNAUTHENTICATED;
			case 403 -> PERMISSION_DENIED;
			case 429 -> RESOURCE_EXHAUSTED;
			default -> INTERNAL;
		};
	}

	static ApiReply status(int grpcCode, String message, String errorCode) {
		ObjectNode body = statusBody(grpcCode, message);
		body.putArray("details").add(errorInfo(errorCode));
		return new ApiReply(httpStatus(grpcCode), body, Map.of());
	}

	static ApiException invalidArgument(String field, String description, String constraint) {
		String message = "validation error:\n - " + field + ": " + description + " [" + constraint + "]";
		ObjectNode body = statusBody(INVALID_ARGUMENT, message);
		ObjectNode info = errorInfo("INVALID_ARGUMENT");
		ObjectNode violation = info.putObject("validation_error_info").putArray("field_violations").addObject();
		violation.put("field", field);
		violation.put("description", description);
		violation.put("constraint", constraint);
		body.putArray("details").add(info);
		return new ApiException(new ApiReply(400, body, Map.of()));
	}

	static ApiException badRequest(String message) {
		return new ApiException(status(INVALID_ARGUMENT, message, "INVALID_ARGUMENT"));
	}

	static ApiException notFound(String message) {
		return new ApiException(status(NOT_FOUND, message, "NOT_FOUND"));
	}

	static ApiException unauthenticated(String message) {
		return new ApiException(status(UNAUTHENTICATED, message, "UNAUTHENTICATED"));
	}

	static ApiException rateLimited() {
		return new ApiException(status(RESOURCE_EXHAUSTED, "rate limit exceeded, retry later", "RATE_LIMITED")
			.withHeader("Retry-After", "1"));
	}

	/**
	 * A provider's failure passed through by execute_tool: status class follows the
	 * provider.
	 */
	static ApiReply toolError(int providerStatus, String executionId, String toolErrorMessage, String toolErrorCode) {
		int grpcCode = grpcCodeForProviderStatus(providerStatus);
		ObjectNode body = statusBody(grpcCode, toolErrorMessage);
		ObjectNode info = errorInfo("TOOL_ERROR");
		ObjectNode toolInfo = info.putObject("tool_error_info");
		toolInfo.put("execution_id", executionId);
		toolInfo.put("tool_error_message", toolErrorMessage);
		toolInfo.put("tool_error_code", toolErrorCode);
		body.putArray("details").add(info);
		return new ApiReply(httpStatus(grpcCode), body, Map.of());
	}

	/** What grpc-gateway's routing answers for a path it has no rule for: no details. */
	static ApiReply routeNotFound() {
		return new ApiReply(404, statusBody(NOT_FOUND, "Not Found"), Map.of());
	}

	static ApiReply methodNotAllowed(String allowed) {
		return new ApiReply(405, statusBody(UNIMPLEMENTED, "Method Not Allowed"), Map.of("Allow", allowed));
	}

	private static ObjectNode statusBody(int grpcCode, String message) {
		ObjectNode body = NODES.objectNode();
		body.put("code", grpcCode);
		body.put("message", message);
		return body;
	}

	private static ObjectNode errorInfo(String errorCode) {
		ObjectNode info = NODES.objectNode();
		info.put("@type", ERROR_INFO_TYPE);
		info.put("error_code", errorCode);
		return info;
	}

}
