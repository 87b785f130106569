package dev.healthaudit.scalekit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.annotation.JsonValue;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.healthaudit.sandbox.SandboxAccount;
import dev.healthaudit.sandbox.SandboxServer;
import dev.healthaudit.sandbox.SandboxSettings;
import dev.healthaudit.sandbox.Scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client over real HTTP against the sandbox: every outcome type, paging, token
 * renewal.
 */
class ScalekitClientIntegrationTests {

	private static SandboxServer sandbox;

	private static ScalekitClient client;

	@BeforeAll
	static void start() {
		sandbox = SandboxServer
			.start(SandboxSettings.defaults().withSlowProbeDelay(Duration.ofSeconds(2)).withRecordRequests(true));
		client = clientFor(sandbox,
				new ScalekitTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(300)));
	}

	@AfterAll
	static void stop() {
		sandbox.close();
	}

	@Test
	void readsAnAccountWithItsGrantedScopesButNoTokens() {
		SandboxAccount healthy = first(Scenario.HEALTHY);
		CallResult<ConnectedAccount> result = client.getAccount(healthy.connector(), healthy.identifier());
		ConnectedAccount account = ((CallResult.Success<ConnectedAccount>) result).value();
		assertThat(account.id()).isEqualTo(healthy.id());
		assertThat(account.status()).isEqualTo("ACTIVE");
		assertThat(account.grantedScopes()).containsExactlyElementsOf(healthy.scopes());
		assertThat(account.tokenExpiresAt()).isPresent();
		assertThat(account.toString()).doesNotContain("ya29").doesNotContain("refresh");
	}

	@Test
	void unknownAccountIsNotFound() {
		CallResult<ConnectedAccount> result = client.getAccount("gmail", "nobody+tag@example.com");
		assertThat(failure(result)).isInstanceOf(ApiFailure.NotFound.class);
		assertThat(sandbox.requests())
			.anySatisfy((request) -> assertThat(request.queryParam("identifier")).isEqualTo("nobody+tag@example.com"));
	}

	@Test
	void probeOutcomesKeepTheProviderStatusAndToolError() {
		assertThat(probe(first(Scenario.HEALTHY)).succeeded()).isTrue();
		ApiFailure unauthorized = failure(probe(first(Scenario.PROBE_UNAUTHORIZED)));
		assertThat(unauthorized).isInstanceOf(ApiFailure.ProviderError.class);
		assertThat(unauthorized.httpStatus()).isEqualTo(401);
		assertThat(unauthorized.error().errorCode()).isEqualTo("TOOL_ERROR");
		assertThat(unauthorized.error().toolError()).get()
			.extracting(ApiError.ToolError::message)
			.asString()
			.contains("Invalid Credentials");
		assertThat(unauthorized.isTransient()).isFalse();
		ApiFailure forbidden = failure(probe(first(Scenario.PROBE_FORBIDDEN)));
		assertThat(forbidden.httpStatus()).isEqualTo(403);
		ApiFailure down = failure(probe(first(Scenario.PROVIDER_DOWN)));
		assertThat(down).isInstanceOf(ApiFailure.ProviderError.class);
		assertThat(down.httpStatus()).isEqualTo(500);
		assertThat(down.isTransient()).isTrue();
	}

	@Test
	void providerRateLimitCarriesRetryAfter() {
		ApiFailure limited = failure(probe(first(Scenario.PROVIDER_RATE_LIMITED)));
		assertThat(limited).isInstanceOf(ApiFailure.ProviderError.class);
		assertThat(limited.httpStatus()).isEqualTo(429);
		assertThat(limited.retryAfter()).contains(Duration.ofSeconds(1));
		assertThat(limited.isTransient()).isTrue();
	}

	@Test
	void slowToolTimesOut() {
		assertThat(failure(probe(first(Scenario.PROVIDER_SLOW)))).isInstanceOf(ApiFailure.TimedOut.class);
	}

	@Test
	void unknownToolIsNotFound() {
		SandboxAccount healthy = first(Scenario.HEALTHY);
		CallResult<ToolExecution> result = client.executeTool("no_such_tool", Map.of(), healthy.connector(),
				healthy.identifier());
		assertThat(failure(result)).isInstanceOf(ApiFailure.NotFound.class);
	}

	@Test
	void sendsToolInputAsParams() {
		SandboxAccount healthy = first(Scenario.HEALTHY);
		client.executeTool(sandbox.fleet().accounts().get(0).connection().probeTool(), Map.of("max_results", 1),
				healthy.connector(), healthy.identifier());
		assertThat(sandbox.requests()).anySatisfy((request) -> {
			assertThat(request.path()).isEqualTo("/api/v1/execute_tool");
			assertThat(request.body()).contains("\"params\":{\"max_results\":1}").doesNotContain("tool_input");
		});
	}

	@Test
	void aRequestTakesItsBudgetOnlyOnceItIsReadyToLeave() {
		List<String> events = new CopyOnWriteArrayList<>();
		ScalekitClient observed = new ScalekitClient(new ScalekitCredentials(sandbox.baseUrl(),
				sandbox.settings().clientId(), sandbox.settings().clientSecret()), ScalekitTimeouts.defaults(),
				new CallListener() {
					@Override
					public void beforeCall(Route route, String connector) {
						events.add("before " + route);
					}

					@Override
					public void afterCall(Route route, String connector, int httpStatus) {
						events.add("after " + route + " " + httpStatus);
					}
				}, Clock.systemUTC());
		SandboxAccount healthy = first(Scenario.HEALTHY);
		CallResult<ToolExecution> result = observed.executeTool(healthy.connection().probeTool(),
				Map.of("max_results", new Recorded(events)), healthy.connector(), healthy.identifier());
		assertThat(result.succeeded()).isTrue();
		assertThat(events).as("the budget's wait comes after the body's serialization, right before the send")
			.containsExactly("before TOKEN", "after TOKEN 200", "serialized", "before EXECUTE_TOOL",
					"after EXECUTE_TOOL 200");
	}

	@Test
	void exchangesRunOnTheClientsOwnTransportThreads() {
		ScalekitClient fresh = clientFor(sandbox, ScalekitTimeouts.defaults());
		assertThat(fresh.transportThreads().threads()).isZero();
		SandboxAccount healthy = first(Scenario.HEALTHY);
		assertThat(fresh.getAccount(healthy.connector(), healthy.identifier()).succeeded()).isTrue();
		assertThat(fresh.transportThreads().mostThreads()).as("threads started on demand for the exchange")
			.isPositive();
	}

	@Test
	void aClientPreparedForParallelCallsStartsNoThreadWhileItsRequestsLeave() {
		ScalekitClient prepared = clientFor(sandbox, ScalekitTimeouts.defaults());
		prepared.prepareForParallelCalls(4);
		assertThat(prepared.transportThreads().threads()).isEqualTo(4);
		TransportThreadsTests.awaitIdle(prepared.transportThreads(), 4);
		SandboxAccount healthy = first(Scenario.HEALTHY);
		for (int call = 0; call < 10; call++) {
			assertThat(prepared.getAccount(healthy.connector(), healthy.identifier()).succeeded()).isTrue();
		}
		assertThat(prepared.transportThreads().mostThreads()).isEqualTo(4);
	}

	/** A tool input value that notes when the request body is serialized. */
	record Recorded(List<String> events) {

		@JsonValue
		int value() {
			this.events.add("serialized");
			return 1;
		}

	}

	@Test
	void createsAuthorizationLinksWithoutShowingThem() {
		SandboxAccount expired = first(Scenario.EXPIRED);
		CallResult<AuthorizationLink> result = client.createAuthorizationLink(expired.connector(),
				expired.identifier());
		AuthorizationLink link = ((CallResult.Success<AuthorizationLink>) result).value();
		assertThat(link.link()).startsWith("https://");
		assertThat(link.expiry()).isAfter(java.time.Instant.now());
		assertThat(link.toString()).doesNotContain(link.link());
	}

	@Test
	void listsEveryAccountPageByPage() {
		Set<String> ids = new HashSet<>();
		String token = "";
		int pages = 0;
		do {
			AccountPage page = ((CallResult.Success<AccountPage>) client.listAccounts(List.of(),
					ScalekitClient.MAX_PAGE_SIZE, token))
				.value();
			page.accounts().forEach((account) -> ids.add(account.id()));
			token = page.nextPageToken();
			pages++;
		}
		while (!token.isEmpty());
		assertThat(ids).hasSize(sandbox.fleet().accounts().size());
		assertThat(pages).isEqualTo((sandbox.fleet().accounts().size() + 98) / 99);
		assertThatThrownBy(() -> client.listAccounts(List.of(), 100, "")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void listFiltersByConnectionNames() {
		AccountPage page = ((CallResult.Success<AccountPage>) client.listAccounts(List.of("slack"), 99, "")).value();
		assertThat(page.accounts()).isNotEmpty()
			.allSatisfy((account) -> assertThat(account.connector()).isEqualTo("slack"));
	}

	@Test
	void renewsTheTokenOnceWhenScalekitRejectsIt() {
		try (SandboxServer own = SandboxServer.start(SandboxSettings.defaults())) {
			ScalekitClient fresh = clientFor(own, ScalekitTimeouts.defaults());
			SandboxAccount healthy = own.fleet().withScenario(Scenario.HEALTHY).get(0);
			assertThat(fresh.getAccount(healthy.connector(), healthy.identifier()).succeeded()).isTrue();
			own.expireIssuedTokens();
			assertThat(fresh.getAccount(healthy.connector(), healthy.identifier()).succeeded()).isTrue();
			assertThat(own.requestCount("POST", "/oauth/token")).isEqualTo(2);
			assertThat(own.requestCount("GET", "/api/v1/connected_accounts/auth")).isEqualTo(3);
		}
	}

	@Test
	void renewsTheTokenBeforeItExpires() {
		try (SandboxServer own = SandboxServer
			.start(SandboxSettings.defaults().withTokenLifetime(Duration.ofSeconds(1)))) {
			ScalekitClient fresh = clientFor(own, ScalekitTimeouts.defaults());
			SandboxAccount healthy = own.fleet().withScenario(Scenario.HEALTHY).get(0);
			fresh.getAccount(healthy.connector(), healthy.identifier());
			fresh.getAccount(healthy.connector(), healthy.identifier());
			// a one-second token is renewed when a tenth of it (100 ms) remains: both
			// calls fetch a token
			assertThat(own.requestCount("POST", "/oauth/token")).isBetween(1L, 2L);
			assertThat(own.requestCount("GET", "/api/v1/connected_accounts/auth")).isEqualTo(2);
		}
	}

	@Test
	void providerUnauthorizedDoesNotRenewTheToken() {
		try (SandboxServer own = SandboxServer.start(SandboxSettings.defaults())) {
			ScalekitClient fresh = clientFor(own, ScalekitTimeouts.defaults());
			SandboxAccount dead = own.fleet().withScenario(Scenario.PROBE_UNAUTHORIZED).get(0);
			fresh.executeTool(dead.connection().probeTool(), Map.of(), dead.connector(), dead.identifier());
			assertThat(own.requestCount("POST", "/oauth/token")).isEqualTo(1);
			assertThat(own.requestCount("POST", "/api/v1/execute_tool")).isEqualTo(1);
		}
	}

	@Test
	void scalekitRateLimitIsRateLimited() {
		try (SandboxServer own = SandboxServer.start(SandboxSettings.defaults().withRequestsPerMinute(60))) {
			ScalekitClient fresh = clientFor(own, ScalekitTimeouts.defaults());
			SandboxAccount healthy = own.fleet().withScenario(Scenario.HEALTHY).get(0);
			ApiFailure limited = null;
			for (int i = 0; i < 20 && limited == null; i++) {
				CallResult<ConnectedAccount> result = fresh.getAccount(healthy.connector(), healthy.identifier());
				if (result instanceof CallResult.Failure<ConnectedAccount> failed) {
					limited = failed.failure();
				}
			}
			assertThat(limited).isInstanceOf(ApiFailure.RateLimited.class);
			assertThat(limited.error().errorCode()).isEqualTo("RATE_LIMITED");
			assertThat(limited.isTransient()).isTrue();
		}
	}

	@Test
	void wrongCredentialsStopWithAClearMessage() {
		ScalekitClient wrong = new ScalekitClient(
				new ScalekitCredentials(sandbox.baseUrl(), "sandbox-client", "not-the-secret"),
				ScalekitTimeouts.defaults(), CallListener.NONE, Clock.systemUTC());
		assertThatThrownBy(wrong::verifyCredentials).isInstanceOf(ScalekitAuthenticationException.class)
			.hasMessageContaining("SCALEKIT_CLIENT_SECRET")
			.hasMessageNotContaining("not-the-secret");
	}

	@Test
	void unreachableEnvironmentIsANetworkError() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		ScalekitClient nowhere = new ScalekitClient(
				new ScalekitCredentials(URI.create("http://127.0.0.1:" + port), "id", "secret"),
				ScalekitTimeouts.defaults(), CallListener.NONE, Clock.systemUTC());
		assertThat(nowhere.verifyCredentials()).get().isInstanceOf(ApiFailure.NetworkError.class);
		assertThat(failure(nowhere.getAccount("gmail", "x"))).isInstanceOf(ApiFailure.NetworkError.class);
	}

	@Test
	void serverErrorsAndMalformedBodiesStayDistinct() throws IOException {
		HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		stub.createContext("/oauth/token", (exchange) -> reply(exchange, 200,
				"{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":3600}", Map.of()));
		stub.createContext("/api/v1/connected_accounts/auth", (exchange) -> {
			String query = exchange.getRequestURI().getRawQuery();
			if (query.contains("identifier=down")) {
				reply(exchange, 503, "<html>Service Unavailable</html>", Map.of("Retry-After", "7"));
			}
			else if (query.contains("identifier=busy")) {
				reply(exchange, 429, "{\"code\":8,\"message\":\"slow down\",\"details\":[{\"@type\":"
						+ "\"type.googleapis.com/scalekit.v1.errdetails.ErrorInfo\",\"error_code\":\"RATE_LIMITED\"}]}",
						Map.of());
			}
			else if (query.contains("identifier=bad")) {
				reply(exchange, 400, "{\"code\":3,\"message\":\"invalid connector\"}", Map.of());
			}
			else {
				reply(exchange, 200, "{\"connected_account\": {\"id\": \"ca_1\", \"stat", Map.of());
			}
		});
		stub.start();
		try {
			ScalekitClient stubbed = new ScalekitClient(
					new ScalekitCredentials(URI.create("http://127.0.0.1:" + stub.getAddress().getPort()), "id", "s"),
					ScalekitTimeouts.defaults(), CallListener.NONE, Clock.systemUTC());
			ApiFailure down = failure(stubbed.getAccount("gmail", "down"));
			assertThat(down).isInstanceOf(ApiFailure.ServerError.class);
			assertThat(down.retryAfter()).contains(Duration.ofSeconds(7));
			ApiFailure busy = failure(stubbed.getAccount("gmail", "busy"));
			assertThat(busy).isInstanceOf(ApiFailure.RateLimited.class);
			assertThat(busy.retryAfter()).isEmpty();
			assertThat(failure(stubbed.getAccount("gmail", "bad"))).isInstanceOf(ApiFailure.InvalidRequest.class);
			assertThat(failure(stubbed.getAccount("gmail", "truncated")))
				.isInstanceOf(ApiFailure.MalformedResponse.class);
		}
		finally {
			stub.stop(0);
		}
	}

	private static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String body,
			Map<String, String> headers) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	private static ScalekitClient clientFor(SandboxServer server, ScalekitTimeouts timeouts) {
		return new ScalekitClient(new ScalekitCredentials(server.baseUrl(), server.settings().clientId(),
				server.settings().clientSecret()), timeouts, CallListener.NONE, Clock.systemUTC());
	}

	private static SandboxAccount first(Scenario scenario) {
		return sandbox.fleet().withScenario(scenario).get(0);
	}

	private static CallResult<ToolExecution> probe(SandboxAccount account) {
		return client.executeTool(account.connection().probeTool(), Map.of(), account.connector(),
				account.identifier());
	}

	private static ApiFailure failure(CallResult<?> result) {
		assertThat(result).isInstanceOf(CallResult.Failure.class);
		return ((CallResult.Failure<?>) result).failure();
	}

}
