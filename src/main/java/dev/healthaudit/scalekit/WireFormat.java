package dev.healthaudit.scalekit;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON of the Scalekit wire format. Parsing is tolerant as the reference advises: snake_case field names first,
 * lowerCamelCase accepted too, absent and empty values treated alike, unknown fields ignored. It is also defensive:
 * numbers and texts the server supplies are clamped or cut to what the rest of the job can hold (see the package
 * documentation), so that no server value overflows a {@link Duration}, a column or a log line.
 */
final class WireFormat {

	/** The longest {@code Retry-After} taken at its word; a longer one (or one too big for a number) is cut to it. */
	static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

	/** The longest access-token lifetime believed; Scalekit issues tokens for 24 hours. */
	static final Duration MAX_TOKEN_LIFETIME = Duration.ofHours(24);

	/** The results store keeps account ids and statuses in columns of 64 characters (the API's ids have 32). */
	static final int MAX_ID_LENGTH = 64;

	/** Error codes are identifiers; the evidence joins two of them into a column of 200 characters. */
	static final int MAX_CODE_LENGTH = 64;

	/** Error messages are only ever shown cut to a few hundred characters. */
	static final int MAX_MESSAGE_LENGTH = 1024;

	private static final Pattern NOT_CODE = Pattern.compile("[^A-Za-z0-9_.:/-]");

	private static final Pattern DELTA_SECONDS = Pattern.compile("[0-9]+");

	private static final Pattern DECIMAL_SECONDS = Pattern.compile("-?[0-9]{1,30}(\\.[0-9]{1,30})?");

	private final JsonMapper json = JsonMapper.builder().build();

	JsonNode parse(byte[] body) {
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

	/**
	 * Parses an error body; a body that is not a {@code google.rpc.Status} yields an empty error. Texts pass through
	 * {@code redact} (which blanks our own secrets, should the server echo them) and are cut to size; error codes
	 * keep only identifier characters.
	 */
	ApiError error(byte[] body, UnaryOperator<String> redact) {
		if (body == null || body.length == 0) {
			return ApiError.empty();
		}
		try {
			JsonNode root = parse(body);
			if (!root.isObject()) {
				return ApiError.empty();
			}
			JsonNode grpcCode = root.path("code");
			int code = (grpcCode.isIntegralNumber() && grpcCode.canConvertToInt()) ? grpcCode.asInt() : -1;
			String message = message(text(root, "message"), redact);
			String errorCode = "";
			Optional<ApiError.ToolError> toolError = Optional.empty();
			for (JsonNode detail : root.path("details")) {
				if (errorCode.isEmpty()) {
					errorCode = code(text(detail, "error_code"), redact);
				}
				JsonNode tool = field(detail, "tool_error_info");
				if (tool.isObject()) {
					toolError = Optional.of(new ApiError.ToolError(code(text(tool, "execution_id"), redact),
							message(text(tool, "tool_error_message"), redact),
							code(text(tool, "tool_error_code"), redact)));
				}
			}
			if (errorCode.isEmpty()) {
				// OAuth-style bodies ({"error":"invalid_client"}) from the token endpoint
				errorCode = code(text(root, "error"), redact);
			}
			return new ApiError(code, message, errorCode, toolError);
		}
		catch (JacksonException ex) {
			return ApiError.empty();
		}
	}

	/**
	 * Reads a tool's successful answer without building it in memory: checks that it is one JSON object and keeps
	 * its top-level {@code execution_id}, skipping the provider's {@code data}, which the audit never keeps.
	 * @return the execution id, empty when the answer has none
	 * @throws JacksonException when the answer is not one well-formed JSON object
	 */
	String executionId(byte[] body) {
		String executionId = "";
		try (JsonParser parser = this.json.createParser(body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new NotAnObjectException();
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				if (value.isScalarValue() && ("execution_id".equals(name) || "executionId".equals(name))) {
					executionId = cut(parser.getValueAsString(""), MAX_ID_LENGTH * 2);
				}
				else {
					parser.skipChildren();
				}
			}
			if (parser.nextToken() != null) {
				throw new NotAnObjectException();
			}
		}
		return executionId;
	}

	/**
	 * An access token's lifetime from {@code expires_in}: clamped to {@link #MAX_TOKEN_LIFETIME}; zero when the
	 * server gave none, zero, a negative number or no number at all (such a token serves one request, see
	 * {@link AccessTokenCache}).
	 */
	static Duration lifetime(JsonNode expiresIn) {
		double seconds;
		if (expiresIn.isNumber()) {
			seconds = expiresIn.asDouble();
		}
		else if (expiresIn.isString() && DECIMAL_SECONDS.matcher(expiresIn.asString().trim()).matches()) {
			seconds = Double.parseDouble(expiresIn.asString().trim());
		}
		else {
			return Duration.ZERO;
		}
		if (Double.isNaN(seconds) || seconds <= 0) {
			return Duration.ZERO;
		}
		if (seconds >= MAX_TOKEN_LIFETIME.toSeconds()) {
			return MAX_TOKEN_LIFETIME;
		}
		return Duration.ofSeconds((long) seconds);
	}

	/** An error code as an identifier: identifier characters only, short, our secrets blanked. */
	static String code(String raw, UnaryOperator<String> redact) {
		return cut(NOT_CODE.matcher(redact.apply(raw)).replaceAll(""), MAX_CODE_LENGTH);
	}

	private static String message(String raw, UnaryOperator<String> redact) {
		return cut(redact.apply(cut(raw, MAX_MESSAGE_LENGTH * 4)), MAX_MESSAGE_LENGTH);
	}

	static String cut(String text, int length) {
		return (text.length() <= length) ? text : text.substring(0, length);
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
		return new ConnectedAccount(cut(text(node, "id"), MAX_ID_LENGTH), text(node, "identifier"),
				text(node, "connector"), text(node, "provider"), text(node, "connection_id"),
				cut(text(node, "status"), MAX_ID_LENGTH),
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
		catch (DateTimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * {@code Retry-After} as delta-seconds or an HTTP date, at most {@link #MAX_RETRY_AFTER} (however many digits
	 * the server sent); a date in the past is zero. Anything else (negative, fractional, garbage) counts as absent.
	 */
	static Optional<Duration> retryAfter(Optional<String> header, Instant now) {
		if (header.isEmpty() || header.get().isBlank()) {
			return Optional.empty();
		}
		String value = header.get().trim();
		if (DELTA_SECONDS.matcher(value).matches()) {
			// more than 18 digits is more than a day anyway, and would not fit a long
			long seconds = (value.length() > 18) ? Long.MAX_VALUE : Long.parseLong(value);
			return Optional.of(clamp(Duration.ofSeconds(Math.min(seconds, MAX_RETRY_AFTER.toSeconds()))));
		}
		try {
			Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			return Optional.of(clamp(Duration.between(now, at)));
		}
		catch (DateTimeException | ArithmeticException notADate) {
			return Optional.empty();
		}
	}

	private static Duration clamp(Duration wait) {
		if (wait.isNegative()) {
			return Duration.ZERO;
		}
		return (wait.compareTo(MAX_RETRY_AFTER) > 0) ? MAX_RETRY_AFTER : wait;
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

	/** A successful answer that is valid JSON but not one object. */
	static final class NotAnObjectException extends RuntimeException {

		NotAnObjectException() {
			super("not a JSON object", null, false, false);
		}

	}

}
