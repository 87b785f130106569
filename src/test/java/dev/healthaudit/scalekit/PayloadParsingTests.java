package dev.healthaudit.scalekit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Server-supplied numbers and texts in payloads, parsed defensively: clamped, cut or ignored, never an overflow. */
class PayloadParsingTests {

	private final ScalekitJson json = new ScalekitJson();

	@Test
	void tokenLifetimeIsClampedToADayAndAnythingElseIsZero() {
		assertThat(lifetime("86399")).isEqualTo(Duration.ofSeconds(86399));
		assertThat(lifetime("3600.9")).isEqualTo(Duration.ofSeconds(3600));
		assertThat(lifetime("\"3600\"")).isEqualTo(Duration.ofSeconds(3600));
		assertThat(lifetime(Long.toString(Long.MAX_VALUE))).isEqualTo(Duration.ofHours(24));
		assertThat(lifetime("99999999999999999999999999")).isEqualTo(Duration.ofHours(24));
		assertThat(lifetime("1e400")).isEqualTo(Duration.ofHours(24));
		assertThat(lifetime("0")).isZero();
		assertThat(lifetime("-3600")).isZero();
		assertThat(lifetime("-1e400")).isZero();
		assertThat(lifetime("\"never\"")).isZero();
		assertThat(lifetime("null")).isZero();
		assertThat(lifetime("{}")).isZero();
		assertThat(read("{}", TokenAnswer.class).lifetime()).isZero();
	}

	@Test
	void errorCodesKeepIdentifierCharactersOnlyAndAreShort() {
		ApiError error = error("{\"code\":99999999999999999999,\"message\":\"m\",\"details\":[{"
				+ "\"error_code\":\"BAD\\r\\nINJECTED LOG LINE " + "X".repeat(500) + "\"}]}", UnaryOperator.identity());
		assertThat(error.grpcCode()).isEqualTo(-1);
		assertThat(error.errorCode()).startsWith("BADINJECTEDLOGLINE").hasSize(ServerValues.MAX_CODE_LENGTH)
			.doesNotContain("\n");
	}

	@Test
	void errorMessagesAreCutAndRedacted() {
		ApiError error = error("{\"message\":\"token secret-value-123 rejected " + "y".repeat(5000)
				+ "\",\"details\":[{\"error_code\":\"TOOL_ERROR\",\"tool_error_info\":{\"tool_error_message\":"
				+ "\"echo secret-value-123\",\"tool_error_code\":\"secret-value-123\"}}]}",
				(text) -> text.replace("secret-value-123", "****"));
		assertThat(error.message()).startsWith("token **** rejected").hasSize(ServerValues.MAX_MESSAGE_LENGTH);
		assertThat(error.toolError()).get().satisfies((tool) -> {
			assertThat(tool.message()).isEqualTo("echo ****");
			assertThat(tool.code()).isEmpty();
		});
	}

	@Test
	void errorBodiesThatAreNotStatusObjectsAreEmptyErrors() {
		assertThat(error("<html>502</html>", UnaryOperator.identity())).isEqualTo(ApiError.empty());
		assertThat(error("[1,2]", UnaryOperator.identity())).isEqualTo(ApiError.empty());
		assertThat(ErrorAnswer.parse(this.json, new byte[] { '{', '"', (byte) 0xFF, '"', ':', '1', '}' },
				UnaryOperator.identity()))
			.isEqualTo(ApiError.empty());
		assertThat(error("[".repeat(100_000), UnaryOperator.identity())).isEqualTo(ApiError.empty());
	}

	@Test
	void accountIdsAndStatusesAreCutToWhatTheResultsStoreHolds() {
		ConnectedAccount account = read("{\"id\":\"ca_" + "9".repeat(500) + "\",\"status\":\"" + "A".repeat(500)
				+ "\",\"token_expires_at\":\"+1000000000-12-31T23:59:59Z\",\"updated_at\":\"2026-99-99T00:00:00Z\"}",
				AccountPayload.class)
			.toConnectedAccount();
		assertThat(account.id()).hasSize(ServerValues.MAX_ID_LENGTH);
		assertThat(account.status()).hasSize(ServerValues.MAX_ID_LENGTH);
		assertThat(account.updatedAt()).isEmpty();
	}

	@Test
	void toolAnswersAreReadForTheirExecutionIdOnly() {
		assertThat(executionId("{\"data\":{\"messages\":[{\"body\":\"" + "z".repeat(100_000)
				+ "\"}]},\"execution_id\":\"exec-1\"}")).isEqualTo("exec-1");
		assertThat(executionId("{\"data\":{}}")).isEmpty();
		assertThatThrownBy(() -> executionId("[1]")).isInstanceOf(ScalekitJson.NotAnObjectException.class);
		assertThatThrownBy(() -> executionId("{\"data\":{} } {}"))
			.isInstanceOf(ScalekitJson.NotAnObjectException.class);
		assertThatThrownBy(() -> executionId("{\"data\":{\"a\":")).isInstanceOf(JacksonException.class);
		assertThatThrownBy(() -> executionId("{\"data\":" + "[".repeat(100_000))).isInstanceOf(JacksonException.class);
	}

	private Duration lifetime(String value) {
		return read("{\"expires_in\":" + value + "}", TokenAnswer.class).lifetime();
	}

	private ApiError error(String body, UnaryOperator<String> redact) {
		return ErrorAnswer.parse(this.json, bytes(body), redact);
	}

	private String executionId(String body) {
		return read(body, ToolAnswer.class).execution().executionId();
	}

	private <T> T read(String body, Class<T> type) {
		return this.json.read(bytes(body), type);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
