package dev.healthaudit.sandbox;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fault plan: what each fault looks like on the wire, and that the same plan hits the
 * same requests.
 */
class SandboxFaultTests {

	private static final String AUTH = "/api/v1/connected_accounts/auth";

	@Test
	void gatewayFaultAnswersPlainTextWithoutReachingTheApi() {
		try (SandboxServer server = start(FaultPlan.of(1, Fault.BAD_GATEWAY))) {
			TestHttp http = new TestHttp(server);
			HttpResponse<String> first = http.get(AUTH, anAccountQuery(server));
			assertThat(first.statusCode()).isEqualTo(502);
			assertThat(first.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
			assertThat(http.get(AUTH, anAccountQuery(server)).statusCode()).as("share 1: every arrival").isEqualTo(502);
			assertThat(server.injectedFaults()).containsEntry(Fault.BAD_GATEWAY, 2L);
		}
	}

	@Test
	void rateLimitedWithAndWithoutRetryAfter() {
		try (SandboxServer server = start(FaultPlan.of(1, Fault.RATE_LIMITED))) {
			HttpResponse<String> answer = new TestHttp(server).get(AUTH, anAccountQuery(server));
			assertThat(answer.statusCode()).isEqualTo(429);
			assertThat(answer.body()).contains("RATE_LIMITED");
			assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
		}
		try (SandboxServer server = start(FaultPlan.of(1, Fault.RATE_LIMITED_NO_RETRY_AFTER))) {
			HttpResponse<String> answer = new TestHttp(server).get(AUTH, anAccountQuery(server));
			assertThat(answer.statusCode()).isEqualTo(429);
			assertThat(answer.headers().firstValue("Retry-After")).isEmpty();
		}
	}

	@Test
	void lostAnswersAreTruncatedOrNotJson() {
		try (SandboxServer server = start(FaultPlan.of(1, Fault.TRUNCATED_JSON))) {
			HttpResponse<String> answer = new TestHttp(server).get(AUTH, anAccountQuery(server));
			assertThat(answer.statusCode()).isEqualTo(200);
			assertThat(answer.body()).startsWith("{").doesNotEndWith("}");
		}
		try (SandboxServer server = start(FaultPlan.of(1, Fault.NOT_JSON))) {
			HttpResponse<String> answer = new TestHttp(server).get(AUTH, anAccountQuery(server));
			assertThat(answer.statusCode()).isEqualTo(200);
			assertThat(answer.body()).startsWith("<!DOCTYPE html>");
		}
	}

	@Test
	void connectionResetAnswersNothing() {
		try (SandboxServer server = start(FaultPlan.of(1, Fault.CONNECTION_RESET).withBurst(3))) {
			TestHttp http = new TestHttp(server);
			String query = anAccountQuery(server);
			assertThatThrownBy(() -> http.get(AUTH, query)).hasRootCauseInstanceOf(java.io.IOException.class);
		}
	}

	@Test
	void tokenExpiryAndTokenOutage() {
		try (SandboxServer server = start(FaultPlan.of(1, Fault.TOKEN_ENDPOINT_DOWN).withBurst(2))) {
			TestHttp http = new TestHttp(server);
			HttpResponse<String> answer = http.get(AUTH, anAccountQuery(server));
			assertThat(answer.statusCode()).isEqualTo(401);
			assertThat(answer.body()).contains("UNAUTHENTICATED");
			String form = "grant_type=client_credentials&client_id=sandbox-client&client_secret=sandbox-secret";
			assertThat(http.tokenRequest(form).statusCode()).isEqualTo(503);
			assertThat(http.tokenRequest(form).statusCode()).isEqualTo(503);
			assertThat(http.tokenRequest(form).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void samePlanHitsTheSameRequestsWhateverTheOrder() {
		FaultPlan plan = FaultPlan.of(0.3, Fault.UNAVAILABLE, Fault.RATE_LIMITED).withSeed(7);
		List<Integer> forward = statuses(plan, false);
		List<Integer> backward = statuses(plan, true);
		assertThat(forward).isEqualTo(backward);
		assertThat(forward).contains(200, 503, 429);
		long hit = forward.stream().filter((status) -> status != 200).count();
		assertThat(hit).isBetween(10L, 50L);
	}

	@Test
	void aRouteFilterSparesTheOtherRoutes() {
		try (SandboxServer server = start(FaultPlan.of(1, Fault.UNAVAILABLE).withRoute("/api/v1/execute_tool"))) {
			assertThat(new TestHttp(server).get(AUTH, anAccountQuery(server)).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void readTimeoutAnswersLate() {
		try (SandboxServer server = start(FaultPlan.of(1, Fault.READ_TIMEOUT).withDelay(Duration.ofMillis(300)))) {
			long start = System.nanoTime();
			assertThat(new TestHttp(server).get(AUTH, anAccountQuery(server)).statusCode()).isEqualTo(200);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		}
	}

	/**
	 * The first answer to each of 100 account reads, asked in one order or the reverse.
	 */
	private static List<Integer> statuses(FaultPlan plan, boolean reverse) {
		try (SandboxServer server = start(plan)) {
			TestHttp http = new TestHttp(server);
			List<SandboxAccount> accounts = new ArrayList<>(server.fleet().accounts().subList(0, 100));
			List<Integer> statuses = new ArrayList<>();
			List<SandboxAccount> order = new ArrayList<>(accounts);
			if (reverse) {
				java.util.Collections.reverse(order);
			}
			java.util.Map<String, Integer> byAccount = new java.util.HashMap<>();
			for (SandboxAccount account : order) {
				byAccount.put(account.identifier(), http.get(AUTH, query(account)).statusCode());
			}
			accounts.forEach((account) -> statuses.add(byAccount.get(account.identifier())));
			return statuses;
		}
	}

	private static SandboxServer start(FaultPlan plan) {
		return SandboxServer.start(SandboxSettings.defaults().withFaults(plan));
	}

	private static String anAccountQuery(SandboxServer server) {
		return query(server.fleet().accounts().get(0));
	}

	private static String query(SandboxAccount account) {
		return TestHttp.query("connector", account.connector(), "identifier", account.identifier());
	}

}
