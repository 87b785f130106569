package dev.healthaudit.sandbox;

import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.healthaudit.sandbox.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Settings-driven behaviour: token expiry, the environment rate limit, latency, slow
 * probes and recording.
 */
class SandboxBehaviourTests {

	@Test
	void expireIssuedTokensMakesTheNextCallUnauthenticated() {
		try (SandboxServer server = SandboxServer.start(SandboxSettings.defaults())) {
			TestHttp http = new TestHttp(server);
			assertThat(http.get("/api/v1/connected_accounts", "").statusCode()).isEqualTo(200);

			server.expireIssuedTokens();

			HttpResponse<String> rejected = http.get("/api/v1/connected_accounts", "");
			assertThat(rejected.statusCode()).isEqualTo(401);
			SandboxServerTests.assertStatus(json(rejected), 16, "UNAUTHENTICATED");
			assertThat(rejected.body()).doesNotContain("TOOL_ERROR");
			http.forgetToken();
			assertThat(http.get("/api/v1/connected_accounts", "").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void tokensExpireAfterTheirLifetime() {
		MutableClock clock = new MutableClock(Instant.parse("2026-11-24T02:00:00Z"));
		SandboxSettings settings = SandboxSettings.defaults().withTokenLifetime(Duration.ofMinutes(10));
		try (SandboxServer server = SandboxServer.start(settings, clock)) {
			TestHttp http = new TestHttp(server);
			assertThat(json(http.tokenRequest(
					"grant_type=client_credentials&client_id=sandbox-client" + "&client_secret=sandbox-secret"))
				.get("expires_in")
				.asLong()).isEqualTo(600);
			assertThat(http.get("/api/v1/tools", "").statusCode()).isEqualTo(200);
			clock.advance(Duration.ofMinutes(9));
			assertThat(http.get("/api/v1/tools", "").statusCode()).isEqualTo(200);
			clock.advance(Duration.ofMinutes(1));
			assertThat(http.get("/api/v1/tools", "").statusCode()).isEqualTo(401);
		}
	}

	@Test
	void environmentRateLimitAnswers429RateLimitedWithRetryAfter() {
		try (SandboxServer server = SandboxServer.start(SandboxSettings.defaults().withRequestsPerMinute(60))) {
			TestHttp http = new TestHttp(server);
			http.token();
			http.token();
			assertThat(http.get("/api/v1/connected_accounts", "").statusCode()).as("token calls do not count")
				.isEqualTo(200);
			HttpResponse<String> limited = http.get("/api/v1/connected_accounts", "");
			assertThat(limited.statusCode()).isEqualTo(429);
			assertThat(limited.headers().firstValue("Retry-After")).contains("1");
			SandboxServerTests.assertStatus(json(limited), 8, "RATE_LIMITED");
		}
	}

	@Test
	void requestBudgetRefillsSmoothlyWithASmallBurst() {
		long[] now = { 0 };
		RequestBudget budget = new RequestBudget(3000, () -> now[0]);
		// 50 per second: a burst of 5, then one every 20 ms.
		assertThat(IntStream.range(0, 10).filter((i) -> budget.tryAcquire()).count()).isEqualTo(5);
		now[0] += 19_000_000;
		assertThat(budget.tryAcquire()).isFalse();
		now[0] += 1_000_000;
		assertThat(budget.tryAcquire()).isTrue();
		now[0] += 1_000_000_000;
		assertThat(IntStream.range(0, 100).filter((i) -> budget.tryAcquire()).count()).isEqualTo(5);
	}

	@Test
	void latencyDelaysEveryResponse() {
		SandboxSettings settings = SandboxSettings.defaults().withLatency(Duration.ofMillis(150));
		try (SandboxServer server = SandboxServer.start(settings)) {
			TestHttp http = new TestHttp(server);
			http.token();
			long started = System.nanoTime();
			assertThat(http.get("/api/v1/connected_accounts", "").statusCode()).isEqualTo(200);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
		}
	}

	@Test
	void concurrentClientsAreServedInParallel() {
		SandboxSettings settings = SandboxSettings.defaults().withLatency(Duration.ofMillis(500));
		try (SandboxServer server = SandboxServer.start(settings)) {
			TestHttp http = new TestHttp(server);
			http.token();
			HttpRequest request = http.authorized("/api/v1/connected_accounts", "page_size=1").GET().build();
			long started = System.nanoTime();
			List<CompletableFuture<HttpResponse<String>>> responses = IntStream.range(0, 64)
				.mapToObj((i) -> http.client().sendAsync(request, HttpResponse.BodyHandlers.ofString()))
				.toList();
			assertThat(responses).allSatisfy((response) -> assertThat(response.join().statusCode()).isEqualTo(200));
			// Serially this would take 32 s; in parallel about one latency plus
			// connection set-up. The bound is loose
			// so that a busy 2-core machine cannot make it flaky, and still far below the
			// serial time.
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
		}
	}

	@Test
	void slowProviderOutlastsAShortToolTimeout() {
		SandboxSettings settings = SandboxSettings.defaults().withSlowProbeDelay(Duration.ofMillis(600));
		try (SandboxServer server = SandboxServer.start(settings)) {
			TestHttp http = new TestHttp(server);
			SandboxAccount account = server.fleet().withScenario(Scenario.PROVIDER_SLOW).get(0);
			HttpRequest request = http.authorized("/api/v1/execute_tool", "")
				.timeout(Duration.ofMillis(100))
				.POST(HttpRequest.BodyPublishers.ofString("{\"tool_name\":\"" + account.connection().probeTool()
						+ "\",\"connected_account_id\":\"" + account.id() + "\"}"))
				.build();
			assertThatExceptionOfType(HttpTimeoutException.class)
				.isThrownBy(() -> http.client().send(request, HttpResponse.BodyHandlers.ofString()));
		}
	}

	@Test
	void recordsRequestsWhenAsked() {
		try (SandboxServer server = SandboxServer.start(SandboxSettings.defaults().withRecordRequests(true))) {
			TestHttp http = new TestHttp(server);
			SandboxAccount account = server.fleet().accounts().get(5);
			http.auth(account);
			http.probe(account);
			List<RecordedRequest> requests = server.requests();
			assertThat(requests).extracting(RecordedRequest::method, RecordedRequest::path)
				.containsExactly(Tuple.tuple("POST", "/oauth/token"),
						Tuple.tuple("GET", "/api/v1/connected_accounts/auth"),
						Tuple.tuple("POST", "/api/v1/execute_tool"));
			assertThat(requests.get(1).queryParam("identifier")).isEqualTo(account.identifier());
			assertThat(requests.get(1).query().get("connector")).containsExactly(account.connector());
			JsonNode body = TestHttp.JSON.readTree(requests.get(2).body());
			assertThat(body.get("tool_name").stringValue()).isEqualTo(account.connection().probeTool());
			assertThat(server.requestCount("POST", "/api/v1/execute_tool")).isEqualTo(1);
		}
	}

	@Test
	void boundToTheGivenPort() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		try (SandboxServer server = SandboxServer.start(SandboxSettings.defaults().withPort(port))) {
			assertThat(server.baseUrl().getPort()).isEqualTo(port);
		}
	}

}
