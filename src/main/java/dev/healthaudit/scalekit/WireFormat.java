package dev.healthaudit.scalekit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON of the Scalekit wire format. Parsing is tolerant as the reference advises: snake_case field names first,
 * lowerCamelCase accepted too, absent and empty values treated alike, unknown fields ignored.
 */
final class WireFormat {

	private final JsonMapper json = JsonMapper.builder().build();

	JsonNode parse(String body) {
		return this.json.readTree(body);
	}

	String write(Map<String, Object> body) {
		return this.json.writeValueAsString(body);
	}

	ObjectNode object() {
		return this.json.createObjectNode();
	}

	String write(JsonNode node) {
		return this.json.writeValueAsString(node);
	}

	/** Parses an error body; a body that is not a {@code google.rpc.Status} yields an empty error. */
	ApiError error(String body) {
		if (body == null || body.isBlank()) {
			return ApiError.empty();
		}
		try {
			JsonNode root = parse(body);
			if (!root.isObject()) {
				return ApiError.empty();
			}
			int code = root.path("code").asInt(-1);
			String message = text(root, "message");
			String errorCode = "";
			Optional<ApiError.ToolError> toolError = Optional.empty();
			for (JsonNode detail : root.path("details")) {
				if (errorCode.isEmpty()) {
					errorCode = text(detail, "error_code");
				}
				JsonNode tool = field(detail, "tool_error_info");
				if (tool.isObject()) {
					toolError = Optional.of(new ApiError.ToolError(text(tool, "execution_id"),
							text(tool, "tool_error_message"), text(tool, "tool_error_code")));
				}
			}
			if (errorCode.isEmpty()) {
				// OAuth-style bodies ({"error":"invalid_client"}) from the token endpoint
				errorCode = text(root, "error");
			}
			return new ApiError(code, message, errorCode, toolError);
		}
		catch (JacksonException ex) {
			return ApiError.empty();
		}
	}

	ConnectedAccount account(JsonNode node) {
		List<String> scopes = new ArrayList<>();
		JsonNode details = field(node, "authorization_details");
		for (String grant : List.of("oauth_token", "google_dwd")) {
			for (JsonNode scope : field(field(details, grant), "scopes")) {
				if (scope.isString() && !scope.asString().isBlank()) {
					scopes.add(scope.asString());
				}
			}
		}
		return new ConnectedAccount(text(node, "id"), text(node, "identifier"), text(node, "connector"),
				text(node, "provider"), text(node, "connection_id"), text(node, "status"),
				text(node, "authorization_type"), scopes, instant(node, "token_expires_at"), instant(node, "updated_at"),
				instant(node, "last_used_at"));
	}

	static JsonNode field(JsonNode node, String snakeName) {
		JsonNode value = node.path(snakeName);
		if (value.isMissingNode() || value.isNull()) {
			value = node.path(camel(snakeName));
		}
		return value;
	}

	static String text(JsonNode node, String snakeName) {
		JsonNode value = field(node, snakeName);
		return (value.isValueNode() && !value.isNull()) ? value.asString() : "";
	}

	static Optional<Instant> instant(JsonNode node, String snakeName) {
		String value = text(node, snakeName);
		if (value.isEmpty()) {
			return Optional.empty();
		}
		try {
			return Optional.of(Instant.parse(value));
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	/** {@code Retry-After} as delta-seconds or an HTTP date. */
	static Optional<Duration> retryAfter(Optional<String> header, Instant now) {
		if (header.isEmpty() || header.get().isBlank()) {
			return Optional.empty();
		}
		String value = header.get().trim();
		try {
			long seconds = Long.parseLong(value);
			return (seconds >= 0) ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
		}
		catch (NumberFormatException ex) {
			try {
				Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				Duration wait = Duration.between(now, at);
				return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
			}
			catch (DateTimeParseException notADate) {
				return Optional.empty();
			}
		}
	}

	private static String camel(String snake) {
		StringBuilder out = new StringBuilder(snake.length());
		boolean upper = false;
		for (char c : snake.toCharArray()) {
			if (c == '_') {
				upper = true;
			}
			else {
				out.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return out.toString();
	}

}
