package dev.healthaudit.scalekit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Server-supplied numbers and texts, parsed defensively: clamped, cut or ignored, never an overflow. */
class WireFormatTests {

	private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

	private final WireFormat wire = new WireFormat();

	@Test
	void retryAfterInSecondsIsTakenUpToADay() {
		assertThat(retryAfter("7")).contains(Duration.ofSeconds(7));
		assertThat(retryAfter(" 0 ")).contains(Duration.ZERO);
		assertThat(retryAfter("86400")).contains(Duration.ofDays(1));
		assertThat(retryAfter("999999")).contains(Duration.ofDays(1));
		assertThat(retryAfter(Long.toString(Long.MAX_VALUE))).contains(Duration.ofDays(1));
		assertThat(retryAfter("99999999999999999999999999999999")).contains(Duration.ofDays(1));
	}

	@Test
	void retryAfterAsAnHttpDateIsTheWaitUntilThenUpToADay() {
		DateTimeFormatter http = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
		assertThat(retryAfter(http.format(NOW.plusSeconds(3600)))).contains(Duration.ofHours(1));
		assertThat(retryAfter(http.format(NOW.minusSeconds(3600)))).contains(Duration.ZERO);
		assertThat(retryAfter(http.format(NOW.plus(Duration.ofDays(400))))).contains(Duration.ofDays(1));
		assertThat(retryAfter("Fri, 31 Dec 9999 23:59:59 GMT")).contains(Duration.ofDays(1));
	}

	@Test
	void negativeFractionalOrGarbageRetryAfterIsAbsent() {
		assertThat(retryAfter("-5")).isEmpty();
		assertThat(retryAfter("-9223372036854775808")).isEmpty();
		assertThat(retryAfter("1.5")).isEmpty();
		assertThat(retryAfter("soon")).isEmpty();
		assertThat(retryAfter("")).isEmpty();
		assertThat(retryAfter("Mon, 99 Foo 2026 99:99:99 GMT")).isEmpty();
		assertThat(WireFormat.retryAfter(Optional.empty(), NOW)).isEmpty();
	}

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
		assertThat(WireFormat.lifetime(this.wire.parse(bytes("{}")).path("expires_in"))).isZero();
	}

	@Test
	void errorCodesKeepIdentifierCharactersOnlyAndAreShort() {
		ApiError error = this.wire.error(bytes("{\"code\":99999999999999999999,\"message\":\"m\",\"details\":[{"
				+ "\"error_code\":\"BAD\\r\\nINJECTED LOG LINE " + "X".repeat(500) + "\"}]}"), UnaryOperator.identity());
		assertThat(error.grpcCode()).isEqualTo(-1);
		assertThat(error.errorCode()).startsWith("BADINJECTEDLOGLINE").hasSize(WireFormat.MAX_CODE_LENGTH)
			.doesNotContain("\n");
	}

	@Test
	void errorMessagesAreCutAndRedacted() {
		ApiError error = this.wire.error(bytes("{\"message\":\"token secret-value-123 rejected " + "y".repeat(5000)
				+ "\",\"details\":[{\"error_code\":\"TOOL_ERROR\",\"tool_error_info\":{\"tool_error_message\":"
				+ "\"echo secret-value-123\",\"tool_error_code\":\"secret-value-123\"}}]}"),
				(text) -> text.replace("secret-value-123", "****"));
		assertThat(error.message()).startsWith("token **** rejected").hasSize(WireFormat.MAX_MESSAGE_LENGTH);
		assertThat(error.toolError()).get().satisfies((tool) -> {
			assertThat(tool.message()).isEqualTo("echo ****");
			assertThat(tool.code()).isEmpty();
		});
	}

	@Test
	void errorBodiesThatAreNotStatusObjectsAreEmptyErrors() {
		assertThat(this.wire.error(bytes("<html>502</html>"), UnaryOperator.identity())).isEqualTo(ApiError.empty());
		assertThat(this.wire.error(bytes("[1,2]"), UnaryOperator.identity())).isEqualTo(ApiError.empty());
		assertThat(this.wire.error(new byte[] { '{', '"', (byte) 0xFF, '"', ':', '1', '}' }, UnaryOperator.identity()))
			.isEqualTo(ApiError.empty());
		assertThat(this.wire.error(bytes("[".repeat(100_000)), UnaryOperator.identity())).isEqualTo(ApiError.empty());
	}

	@Test
	void accountIdsAndStatusesAreCutToWhatTheResultsStoreHolds() {
		JsonNode node = this.wire.parse(bytes("{\"id\":\"ca_" + "9".repeat(500) + "\",\"status\":\"" + "A".repeat(500)
				+ "\",\"token_expires_at\":\"+1000000000-12-31T23:59:59Z\",\"updated_at\":\"2026-99-99T00:00:00Z\"}"));
		ConnectedAccount account = this.wire.account(node);
		assertThat(account.id()).hasSize(WireFormat.MAX_ID_LENGTH);
		assertThat(account.status()).hasSize(WireFormat.MAX_ID_LENGTH);
		assertThat(account.updatedAt()).isEmpty();
	}

	@Test
	void toolAnswersAreReadForTheirExecutionIdOnly() {
		assertThat(this.wire.executionId(bytes("{\"data\":{\"messages\":[{\"body\":\"" + "z".repeat(100_000)
				+ "\"}]},\"execution_id\":\"exec-1\"}"))).isEqualTo("exec-1");
		assertThat(this.wire.executionId(bytes("{\"data\":{}}"))).isEmpty();
		assertThatThrownBy(() -> this.wire.executionId(bytes("[1]"))).isInstanceOf(WireFormat.NotAnObjectException.class);
		assertThatThrownBy(() -> this.wire.executionId(bytes("{\"data\":{} } {}")))
			.isInstanceOf(WireFormat.NotAnObjectException.class);
		assertThatThrownBy(() -> this.wire.executionId(bytes("{\"data\":{\"a\":"))).isInstanceOf(JacksonException.class);
		assertThatThrownBy(() -> this.wire.executionId(bytes("{\"data\":" + "[".repeat(100_000))))
			.isInstanceOf(JacksonException.class);
	}

	private static Optional<Duration> retryAfter(String header) {
		return WireFormat.retryAfter(Optional.of(header), NOW);
	}

	private Duration lifetime(String json) {
		return WireFormat.lifetime(this.wire.parse(bytes("{\"expires_in\":" + json + "}")).path("expires_in"));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
