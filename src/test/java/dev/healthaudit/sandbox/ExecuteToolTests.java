package dev.healthaudit.sandbox;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static dev.healthaudit.sandbox.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v1/execute_tool} per scenario. A fresh server per test, since probes
 * change account state.
 */
class ExecuteToolTests {

	private SandboxServer server;

	private TestHttp http;

	@BeforeEach
	void start() {
		this.server = SandboxServer.start(SandboxSettings.defaults().withSlowProbeDelay(Duration.ZERO));
		this.http = new TestHttp(this.server);
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void healthyProbeReturnsProviderDataAndExecutionId() {
		SandboxAccount account = first(Scenario.HEALTHY, SandboxConnection.GMAIL);
		HttpResponse<String> response = this.http.probe(account);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = json(response);
		assertThat(body.get("data").get("emailAddress").stringValue()).isEqualTo(account.email());
		assertThat(body.get("execution_id").stringValue()).isNotBlank();
	}

	@Test
	void everyConnectionsProbeSucceedsOnAHealthyAccount() {
		for (SandboxConnection connection : SandboxConnection.values()) {
			HttpResponse<String> response = this.http.probe(first(Scenario.HEALTHY, connection));
			assertThat(response.statusCode()).as(connection.name()).isEqualTo(200);
			assertThat(json(response).get("data").isObject()).isTrue();
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					PROBE_UNAUTHORIZED           | 401 | 16 | UNAUTHORIZED | Invalid Credentials
					EXPIRED                      | 401 | 16 | UNAUTHORIZED | Token has been expired or revoked
					PENDING_AUTH                 | 401 | 16 | UNAUTHORIZED | PENDING_AUTH
					PENDING_VERIFICATION         | 401 | 16 | UNAUTHORIZED | PENDING_VERIFICATION
					DISCONNECTED                 | 401 | 16 | UNAUTHORIZED | DISCONNECTED
					PROBE_FORBIDDEN              | 403 |  7 | FORBIDDEN    | ''
					UNDER_SCOPED_PROBE_FORBIDDEN | 403 |  7 | FORBIDDEN    | insufficient permissions
					PROVIDER_DOWN                | 500 | 13 | EXEC_FAILED  | upstream service unavailable
					INVALID_CLIENT               | 401 | 16 | UNAUTHORIZED | invalid_client: client authentication failed
					ADMIN_CONSENT_REQUIRED       | 403 |  7 | FORBIDDEN    | AADSTS65001: The user or administrator has not consented to use the application
					USER_NOT_IN_TENANT           | 401 | 16 | UNAUTHORIZED | AADSTS50020: User account from identity provider does not exist in tenant
					GOOGLE_ACCESS_BLOCKED        | 403 |  7 | FORBIDDEN    | Access blocked: admin_policy_enforced - your administrator has blocked this app
					SLACK_APPROVAL_REQUIRED      | 403 |  7 | FORBIDDEN    | restricted_action: app installation requires workspace admin approval
					""")
	void failingScenariosAnswerWithToolErrors(Scenario scenario, int httpStatus, int grpcCode, String toolErrorCode,
			String messagePart) {
		for (SandboxAccount account : this.server.fleet().withScenario(scenario)) {
			HttpResponse<String> response = this.http.probe(account);
			assertThat(response.statusCode()).as(account.toString()).isEqualTo(httpStatus);
			JsonNode body = json(response);
			assertThat(body.get("code").asInt()).isEqualTo(grpcCode);
			JsonNode detail = body.get("details").get(0);
			assertThat(detail.get("@type").stringValue())
				.isEqualTo("type.googleapis.com/scalekit.v1.errdetails.ErrorInfo");
			assertThat(detail.get("error_code").stringValue()).isEqualTo("TOOL_ERROR");
			JsonNode info = detail.get("tool_error_info");
			assertThat(info.get("execution_id").stringValue()).isNotBlank();
			assertThat(info.get("tool_error_code").stringValue()).isEqualTo(toolErrorCode);
			assertThat(info.get("tool_error_message").stringValue()).contains(messagePart);
			if (scenario == Scenario.ADMIN_CONSENT_REQUIRED || scenario == Scenario.GOOGLE_ACCESS_BLOCKED) {
				assertThat(info.get("tool_error_message").stringValue()).startsWith(messagePart);
			}
		}
	}

	@Test
	void providerRateLimitAnswers429WithRetryAfterTwiceThenSucceeds() {
		SandboxAccount account = first(Scenario.PROVIDER_RATE_LIMITED, SandboxConnection.SLACK);
		for (int attempt = 1; attempt <= 2; attempt++) {
			HttpResponse<String> response = this.http.probe(account);
			assertThat(response.statusCode()).isEqualTo(429);
			assertThat(response.headers().firstValue("Retry-After")).contains("1");
			JsonNode body = json(response);
			assertThat(body.get("code").asInt()).isEqualTo(8);
			assertThat(body.get("details").get(0).get("error_code").stringValue()).isEqualTo("TOOL_ERROR");
			assertThat(body.get("details").get(0).get("tool_error_info").get("tool_error_code").stringValue())
				.isEqualTo("RATE_LIMITED");
		}
		assertThat(this.http.probe(account).statusCode()).isEqualTo(200);
	}

	@Test
	void unauthorizedThatRecoversFailsOnceThenSucceeds() {
		SandboxAccount account = first(Scenario.PROBE_UNAUTHORIZED_RECOVERS, SandboxConnection.OUTLOOK);
		String tokenBefore = accessToken(account);
		assertThat(this.http.probe(account).statusCode()).isEqualTo(401);
		assertThat(accessToken(account)).as("refreshed on the failed call").isNotEqualTo(tokenBefore);
		assertThat(this.http.probe(account).statusCode()).isEqualTo(200);
		assertThat(this.http.probe(account).statusCode()).isEqualTo(200);
	}

	@Test
	void expiredRefreshableTurnsActiveOnFirstToolCall() {
		SandboxAccount account = first(Scenario.EXPIRED_REFRESHABLE, SandboxConnection.GITHUB);
		JsonNode before = json(this.http.auth(account)).get("connected_account");
		assertThat(before.get("status").stringValue()).isEqualTo("EXPIRED");
		assertThat(Instant.parse(before.get("token_expires_at").stringValue())).isBefore(Instant.now());

		assertThat(this.http.probe(account).statusCode()).isEqualTo(200);

		JsonNode after = json(this.http.auth(account)).get("connected_account");
		assertThat(after.get("status").stringValue()).isEqualTo("ACTIVE");
		assertThat(Instant.parse(after.get("token_expires_at").stringValue())).isAfter(Instant.now());
		assertThat(Instant.parse(after.get("last_used_at").stringValue()))
			.isAfter(Instant.parse(before.get("last_used_at").stringValue()));
		assertThat(this.http.probe(account).statusCode()).isEqualTo(200);
	}

	@Test
	void expiredStaysExpiredAfterAFailedProbe() {
		SandboxAccount account = first(Scenario.EXPIRED, SandboxConnection.GMAIL);
		assertThat(this.http.probe(account).statusCode()).isEqualTo(401);
		assertThat(json(this.http.auth(account)).get("connected_account").get("status").stringValue())
			.isEqualTo("EXPIRED");
	}

	@Test
	void underScopedProbeStillSucceeds() {
		assertThat(this.http.probe(first(Scenario.UNDER_SCOPED, SandboxConnection.OUTLOOK)).statusCode())
			.isEqualTo(200);
	}

	@Test
	void toolOfAnotherConnectionIs404() {
		SandboxAccount account = first(Scenario.HEALTHY, SandboxConnection.GMAIL);
		HttpResponse<String> response = this.http.executeTool(account, "slack_auth_test");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(json(response).get("code").asInt()).isEqualTo(5);
		assertThat(json(response).get("message").stringValue()).isEqualTo("Tool or connected account not found");
	}

	@Test
	void unknownAccountIs404() {
		AccountKey unknown = this.server.fleet().unknownAccounts().get(0);
		HttpResponse<String> response = this.http.post("/api/v1/execute_tool", "{\"tool_name\":\"gmail_get_profile\","
				+ "\"connector\":\"" + unknown.connector() + "\",\"identifier\":\"" + unknown.identifier() + "\"}");
		assertThat(response.statusCode()).isEqualTo(404);
		SandboxServerTests.assertStatus(json(response), 5, "NOT_FOUND");
	}

	@Test
	void accountCanBeAddressedById() {
		SandboxAccount account = first(Scenario.HEALTHY, SandboxConnection.SLACK);
		HttpResponse<String> response = this.http.post("/api/v1/execute_tool",
				"{\"tool_name\":\"slack_auth_test\",\"connected_account_id\":\"" + account.id() + "\",\"params\":{}}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).get("data").get("ok").asBoolean()).isTrue();
	}

	@Test
	void missingToolNameOrNonObjectParamsIs400() {
		SandboxAccount account = first(Scenario.HEALTHY, SandboxConnection.GMAIL);
		String target = "\"connector\":\"gmail\",\"identifier\":\"" + account.identifier() + "\"";
		HttpResponse<String> noTool = this.http.post("/api/v1/execute_tool", "{" + target + "}");
		assertThat(noTool.statusCode()).isEqualTo(400);
		SandboxServerTests.assertStatus(json(noTool), 3, "INVALID_ARGUMENT");
		HttpResponse<String> badParams = this.http.post("/api/v1/execute_tool",
				"{\"tool_name\":\"gmail_get_profile\",\"params\":[1]," + target + "}");
		assertThat(badParams.statusCode()).isEqualTo(400);
		assertThat(this.http.post("/api/v1/execute_tool", "not json").statusCode()).isEqualTo(400);
	}

	@Test
	void twoServersFromTheSameSettingsBehaveAlike() {
		SandboxAccount account = first(Scenario.PROVIDER_RATE_LIMITED, SandboxConnection.GMAIL);
		assertThat(this.http.probe(account).statusCode()).isEqualTo(429);
		try (SandboxServer other = SandboxServer.start(this.server.settings())) {
			assertThat(new TestHttp(other).probe(account).statusCode()).as("state is per server").isEqualTo(429);
		}
	}

	private SandboxAccount first(Scenario scenario, SandboxConnection connection) {
		return this.server.fleet()
			.withScenario(scenario)
			.stream()
			.filter((account) -> account.connection() == connection)
			.findFirst()
			.orElseThrow();
	}

	private String accessToken(SandboxAccount account) {
		return json(this.http.auth(account)).get("connected_account")
			.get("authorization_details")
			.get("oauth_token")
			.get("access_token")
			.stringValue();
	}

}
