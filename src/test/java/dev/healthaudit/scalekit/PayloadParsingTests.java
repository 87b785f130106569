package dev.healthaudit.scalekit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The payload records as the client reads them: tolerant of names and shapes (snake_case
 * or camelCase, unknown fields, odd values absent), and defensive about server-supplied
 * numbers and texts (clamped, cut or ignored, never an overflow).
 */
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
	void tokenAnswersNeverShowTheToken() {
		TokenAnswer answer = read("{\"accessToken\":\"sk-secret-token-123\",\"expiresIn\":60}", TokenAnswer.class);
		assertThat(answer.issued(Instant.EPOCH).value()).isEqualTo("sk-secret-token-123");
		assertThat(answer.lifetime()).isEqualTo(Duration.ofSeconds(60));
		assertThat(answer.toString()).doesNotContain("sk-secret-token-123");
	}

	@Test
	void errorCodesKeepIdentifierCharactersOnlyAndAreShort() {
		ApiError error = error(
				"{\"code\":99999999999999999999,\"message\":\"m\",\"details\":[{"
						+ "\"error_code\":\"BAD\\r\\nINJECTED LOG LINE " + "X".repeat(500) + "\"}]}",
				UnaryOperator.identity());
		assertThat(error.grpcCode()).isEqualTo(-1);
		assertThat(error.errorCode()).startsWith("BADINJECTEDLOGLINE")
			.hasSize(ServerValues.MAX_CODE_LENGTH)
			.doesNotContain("\n");
	}

	@Test
	void errorMessagesAreCutAndRedacted() {
		ApiError error = error(
				"{\"message\":\"token secret-value-123 rejected " + "y".repeat(5000)
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
	void errorBodiesAreReadInEitherCaseAndOAuthErrorsGiveTheirCode() {
		ApiError camel = error("""
				{"code": 7, "details": ["odd", {"errorCode": "TOOL_ERROR", "toolErrorInfo": {"executionId": "e-1",
				  "toolErrorMessage": "Invalid Credentials", "toolErrorCode": "UNAUTHORIZED"}}]}
				""", UnaryOperator.identity());
		assertThat(camel).isEqualTo(new ApiError(7, "", "TOOL_ERROR",
				Optional.of(new ApiError.ToolError("e-1", "Invalid Credentials", "UNAUTHORIZED"))));
		assertThat(error("{\"error\":\"invalid_client\",\"error_description\":\"no\"}", UnaryOperator.identity())
			.errorCode()).isEqualTo("invalid_client");
		assertThat(error("{\"code\":\"5\",\"details\":{\"error_code\":\"X\"}}", UnaryOperator.identity()))
			.isEqualTo(ApiError.empty());
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
	void accountsAreReadInSnakeCaseOrCamelCaseWithoutTheirTokens() {
		String snake = """
				{"connected_account": {"id": "ca_1", "identifier": "a@example.com", "provider": "GMAIL",
				  "connector": "gmail", "connection_id": "conn_1", "status": "ACTIVE", "authorization_type": "OAUTH",
				  "authorization_details": {"oauth_token": {"access_token": "ya29.secret", "refresh_token": "1//r",
				    "scopes": ["s1", "s2"]}},
				  "token_expires_at": "2026-06-01T10:00:00Z", "updated_at": "2026-06-01T09:00:00.123Z",
				  "last_used_at": "2026-05-31T22:10:05Z", "api_config": {}}}
				""";
		String camel = """
				{"connectedAccount": {"id": "ca_1", "identifier": "a@example.com", "provider": "GMAIL",
				  "connector": "gmail", "connectionId": "conn_1", "status": "ACTIVE", "authorizationType": "OAUTH",
				  "authorizationDetails": {"oauthToken": {"accessToken": "ya29.secret", "scopes": ["s1", "s2"]}},
				  "tokenExpiresAt": "2026-06-01T10:00:00Z", "updatedAt": "2026-06-01T09:00:00.123Z",
				  "lastUsedAt": "2026-05-31T22:10:05Z"}}
				""";
		ConnectedAccount expected = new ConnectedAccount("ca_1", "a@example.com", "gmail", "GMAIL", "conn_1", "ACTIVE",
				"OAUTH", List.of("s1", "s2"), Optional.of(Instant.parse("2026-06-01T10:00:00Z")),
				Optional.of(Instant.parse("2026-06-01T09:00:00.123Z")),
				Optional.of(Instant.parse("2026-05-31T22:10:05Z")));
		assertThat(read(snake, AccountAnswer.class).account()).isEqualTo(expected);
		assertThat(read(camel, AccountAnswer.class).account()).isEqualTo(expected);
		assertThat(read(snake, AccountAnswer.class).toString()).doesNotContain("ya29").doesNotContain("1//r");
		assertThat(read("{\"connected_account\":{\"authorization_details\":{\"google_dwd\":{\"scopes\":[\"d\"]}}}}",
				AccountAnswer.class)
			.account()
			.grantedScopes()).containsExactly("d");
	}

	@Test
	void valuesOfAnUnexpectedShapeCountAsAbsent() {
		ConnectedAccount account = read("""
				{"id": {"nested": [1, 2]}, "identifier": ["x"], "status": 5, "connector": "",
				  "authorization_details": {"oauth_token": {"scopes": [["a", "b"], "s1", {}, null, "", "s2"]},
				    "google_dwd": "none"},
				  "token_expires_at": 17, "updated_at": {}}
				""", AccountPayload.class).toConnectedAccount();
		assertThat(account.id()).isEmpty();
		assertThat(account.identifier()).isEmpty();
		assertThat(account.status()).isEqualTo("5");
		assertThat(account.grantedScopes()).containsExactly("s1", "s2");
		assertThat(account.tokenExpiresAt()).isEmpty();
		assertThat(account.updatedAt()).isEmpty();
		assertThat(read("{\"authorization_details\":[1],\"connection_id\":\"c\"}", AccountPayload.class)
			.toConnectedAccount()).extracting(ConnectedAccount::grantedScopes, ConnectedAccount::connectionId)
			.containsExactly(List.of(), "c");
		assertThat(read("{\"authorization_details\":\"\"}", AccountPayload.class).toConnectedAccount().grantedScopes())
			.isEmpty();
	}

	@Test
	void listPagesToleratePoorEntriesAndCounts() {
		AccountPage page = read("{\"connected_accounts\":[{\"id\":\"ca_1\"},null,\"odd\"],\"total_size\":\"x\"}",
				AccountListAnswer.class)
			.page();
		assertThat(page.accounts()).extracting(ConnectedAccount::id).containsExactly("ca_1", "", "");
		assertThat(page.totalSize()).isZero();
		assertThat(page.isLast()).isTrue();
		AccountPage camel = read("{\"connectedAccounts\":[],\"totalSize\":120,\"nextPageToken\":\"t2\"}",
				AccountListAnswer.class)
			.page();
		assertThat(camel.totalSize()).isEqualTo(120);
		assertThat(camel.nextPageToken()).isEqualTo("t2");
	}

	@Test
	void toolAnswersAreReadForTheirExecutionIdOnly() {
		assertThat(executionId(
				"{\"data\":{\"messages\":[{\"body\":\"" + "z".repeat(100_000) + "\"}]},\"execution_id\":\"exec-1\"}"))
			.isEqualTo("exec-1");
		assertThat(executionId("{\"data\":{}}")).isEmpty();
		assertThat(executionId("{\"executionId\":\"exec-2\"}")).isEqualTo("exec-2");
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
