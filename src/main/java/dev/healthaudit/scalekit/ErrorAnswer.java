package dev.healthaudit.scalekit;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.NullUnmarked;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * An error body: a {@code google.rpc.Status} ({@code code}, {@code message},
 * {@code details[].error_code} and, for provider failures, {@code tool_error_info}), or
 * an OAuth error ({@code error}) from the token endpoint. The gRPC {@code code} is kept
 * as sent, since only a whole number that fits an {@code int} is taken for one.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@NullUnmarked
record ErrorAnswer(JsonNode code, String message, List<Detail> details, String error) {

	/**
	 * Parses an error body; a body that is not an error object yields an empty error.
	 * Texts pass through {@code redact} (which blanks our own secrets, should the server
	 * echo them) and are cut to size; error codes keep only identifier characters.
	 */
	static ApiError parse(ScalekitJson json, byte[] body, UnaryOperator<String> redact) {
		try {
			return json.read(body, ErrorAnswer.class).toApiError(redact);
		}
		catch (JacksonException | ScalekitJson.NotAnObjectException ex) {
			return ApiError.empty();
		}
	}

	private ApiError toApiError(UnaryOperator<String> redact) {
		int grpcCode = (this.code != null && this.code.isIntegralNumber() && this.code.canConvertToInt())
				? this.code.asInt() : -1;
		String errorCode = "";
		Optional<ApiError.ToolError> toolError = Optional.empty();
		for (Detail detail : (this.details != null) ? this.details : List.<Detail>of()) {
			if (detail == null) {
				continue;
			}
			if (errorCode.isEmpty()) {
				errorCode = ServerValues.code(detail.errorCode(), redact);
			}
			if (detail.toolErrorInfo() != null) {
				toolError = Optional.of(detail.toolErrorInfo().toToolError(redact));
			}
		}
		if (errorCode.isEmpty()) {
			errorCode = ServerValues.code(this.error, redact);
		}
		return new ApiError(grpcCode, ServerValues.message(this.message, redact), errorCode, toolError);
	}

	/** One of {@code details}: a {@code scalekit.v1.errdetails.ErrorInfo}. */
	@JsonNaming(SnakeCaseStrategy.class)
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Detail(@JsonAlias("errorCode") String errorCode, @JsonAlias("toolErrorInfo") ToolErrorInfo toolErrorInfo) {
	}

	/** How the provider behind a tool failed, as Scalekit relays it. */
	@JsonNaming(SnakeCaseStrategy.class)
	@JsonIgnoreProperties(ignoreUnknown = true)
	record ToolErrorInfo(@JsonAlias("executionId") String executionId,
			@JsonAlias("toolErrorMessage") String toolErrorMessage, @JsonAlias("toolErrorCode") String toolErrorCode) {

		ApiError.ToolError toToolError(UnaryOperator<String> redact) {
			return new ApiError.ToolError(ServerValues.code(this.executionId, redact),
					ServerValues.message(this.toolErrorMessage, redact), ServerValues.code(this.toolErrorCode, redact));
		}

	}

}
