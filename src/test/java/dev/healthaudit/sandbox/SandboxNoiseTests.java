package dev.healthaudit.sandbox;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.healthaudit.sandbox.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Noise: each kind hits its own fixed set of requests (a hash of the seed, the kind and
 * the request), once or twice, then lets them through. Counts are exact because the draws
 * are: the same 2,000 distinct requests at a share of 0.01 give the same hits in every
 * run, whatever the order or concurrency they arrive in (requests are sent 16 at a time
 * here, which also keeps the tests short).
 */
class SandboxNoiseTests {

	private static final String AUTH = "/api/v1/connected_accounts/auth";

	private static final int FLEET = 2000;

	@Test
	void authRateLimitedAnswersScalekits429OnceOrTwiceOnAFixedShareOfAccountReads() {
		try (SandboxServer server = start(NoisePlan.none().withAuthRateLimited(0.01))) {
			TestHttp http = new TestHttp(server);
			List<SandboxAccount> accounts = server.fleet().accounts();
			assertThat(accounts).hasSize(FLEET);
			List<HttpResponse<String>> first = concurrently(http, accounts, (account) -> authRequest(http, account));
			List<SandboxAccount> hit = new ArrayList<>();
			for (int i = 0; i < accounts.size(); i++) {
				HttpResponse<String> answer = first.get(i);
				if (answer.statusCode() == 429) {
					assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
					SandboxServerTests.assertStatus(json(answer), 8, "RATE_LIMITED");
					hit.add(accounts.get(i));
				}
				else {
					assertThat(answer.statusCode()).isEqualTo(200);
				}
			}
			assertThat(hit).hasSize(22);

			Map<Integer, Integer> burstLengths = new TreeMap<>();
			for (SandboxAccount account : hit) {
				int failures = 1;
				while (http.auth(account).statusCode() == 429) {
					failures++;
				}
				burstLengths.merge(failures, 1, Integer::sum);
				assertThat(http.auth(account).statusCode()).as("after its burst").isEqualTo(200);
				assertThat(http
					.get("/api/v1/connected_accounts/details",
							TestHttp.query("connector", account.connector(), "identifier", account.identifier()))
					.statusCode()).as("another route of the same account").isEqualTo(200);
			}
			assertThat(burstLengths).isEqualTo(Map.of(1, 9, 2, 13));
			SandboxTotals totals = server.totals();
			assertThat(totals.noise()).isEqualTo(Map.of("auth-rate-limited", 22L + 13));
			assertThat(totals.environmentRateLimited()).as("noise is not the rate limit").isZero();
			assertThat(totals.describe()).contains(" noise-auth-rate-limited=35 ")
				.contains(" noise-provider-rate-limited=0 ")
				.contains(" noise-server-error=0 ");
		}
	}

	@Test
	void theSameRequestsAreHitWhateverTheOrderTheyComeIn() {
		NoisePlan noise = NoisePlan.none().withAuthRateLimited(0.01).withSeed(7);
		Set<String> forward = hitAccountReads(noise, false);
		Set<String> backward = hitAccountReads(noise, true);
		assertThat(forward).isEqualTo(backward).isNotEmpty();
		assertThat(hitAccountReads(noise.withSeed(8), false)).as("another seed, other requests").isNotEqualTo(forward);
	}

	@Test
	void providerRateLimitedAnswersTheProvidersToolErrorOnAFixedShareOfToolCalls() {
		try (SandboxServer server = start(NoisePlan.none().withProviderRateLimited(0.01))) {
			TestHttp http = new TestHttp(server);
			List<SandboxAccount> healthy = server.fleet().withScenario(Scenario.HEALTHY);
			assertThat(healthy).hasSize(1352);
			List<HttpResponse<String>> answers = concurrently(http, healthy, (account) -> probeRequest(http, account));
			int hits = 0;
			for (HttpResponse<String> answer : answers) {
				if (answer.statusCode() == 429) {
					hits++;
					assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
					JsonNode detail = json(answer).get("details").get(0);
					assertThat(detail.get("error_code").stringValue()).isEqualTo("TOOL_ERROR");
					assertThat(detail.get("tool_error_info").get("tool_error_code").stringValue())
						.isEqualTo("RATE_LIMITED");
				}
				else {
					assertThat(answer.statusCode()).isEqualTo(200);
				}
			}
			assertThat(hits).isEqualTo(16);
			assertThat(server.totals().noise()).isEqualTo(Map.of("provider-rate-limited", 16L));
			assertThat(concurrently(http, healthy.subList(0, 200), (account) -> authRequest(http, account)))
				.as("account reads are not hit")
				.allSatisfy((answer) -> assertThat(answer.statusCode()).isEqualTo(200));
		}
	}

	@Test
	void serverErrorsMix500And502And503() {
		try (SandboxServer server = start(NoisePlan.none().withServerError(0.03))) {
			TestHttp http = new TestHttp(server);
			Map<Integer, Integer> statuses = new TreeMap<>();
			for (HttpResponse<String> answer : concurrently(http, server.fleet().accounts(),
					(account) -> authRequest(http, account))) {
				statuses.merge(answer.statusCode(), 1, Integer::sum);
				switch (answer.statusCode()) {
					case 500 -> SandboxServerTests.assertStatus(json(answer), 13, "INTERNAL");
					case 502 -> assertThat(answer.headers().firstValue("Content-Type"))
						.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
					case 503 -> SandboxServerTests.assertStatus(json(answer), 14, "UNAVAILABLE");
					default -> assertThat(answer.statusCode()).isEqualTo(200);
				}
			}
			assertThat(statuses).isEqualTo(Map.of(200, 1939, 500, 23, 502, 16, 503, 22));
			assertThat(server.totals().noise()).isEqualTo(Map.of("server-error", 61L));
		}
	}

	@Test
	void kindsDrawIndependently() {
		NoisePlan auth = NoisePlan.none().withAuthRateLimited(0.01).withSeed(7);
		Set<String> alone = hitAccountReads(auth, false);
		Set<String> withServerErrors = hitAccountReads(auth.withServerError(0.2), false);
		assertThat(withServerErrors).as("Scalekit's 429 is checked first; another kind's share changes nothing")
			.isEqualTo(alone);
	}

	@Test
	void noNoiseUnlessAsked() {
		try (SandboxServer server = SandboxServer.start(SandboxSettings.defaults())) {
			TestHttp http = new TestHttp(server);
			assertThat(concurrently(http, server.fleet().accounts(), (account) -> authRequest(http, account)))
				.allSatisfy((answer) -> assertThat(answer.statusCode()).isEqualTo(200));
			assertThat(server.totals().noise()).isEmpty();
		}
	}

	/**
	 * {@code connector/identifier} of every account of a fleet of 800 whose first read
	 * got a 429.
	 */
	private static Set<String> hitAccountReads(NoisePlan noise, boolean reverse) {
		try (SandboxServer server = start(noise, 800)) {
			TestHttp http = new TestHttp(server);
			List<SandboxAccount> order = new ArrayList<>(server.fleet().accounts());
			if (reverse) {
				Collections.reverse(order);
			}
			List<HttpResponse<String>> answers = concurrently(http, order, (account) -> authRequest(http, account));
			Set<String> hit = new TreeSet<>();
			for (int i = 0; i < order.size(); i++) {
				if (answers.get(i).statusCode() == 429) {
					hit.add(order.get(i).connector() + "/" + order.get(i).identifier());
				}
			}
			return hit;
		}
	}

	private static HttpRequest authRequest(TestHttp http, SandboxAccount account) {
		return http
			.authorized(AUTH, TestHttp.query("connector", account.connector(), "identifier", account.identifier()))
			.GET()
			.build();
	}

	private static HttpRequest probeRequest(TestHttp http, SandboxAccount account) {
		return http.authorized("/api/v1/execute_tool", "")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"tool_name\":\"" + account.connection().probeTool() + "\",\"connector\":\""
						+ account.connector() + "\",\"identifier\":\"" + account.identifier() + "\",\"params\":{}}"))
			.build();
	}

	/**
	 * One request per account, at most 16 in flight; the answers in the accounts' order.
	 */
	private static List<HttpResponse<String>> concurrently(TestHttp http, List<SandboxAccount> accounts,
			Function<SandboxAccount, HttpRequest> request) {
		Semaphore inFlight = new Semaphore(16);
		List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
		for (SandboxAccount account : accounts) {
			inFlight.acquireUninterruptibly();
			answers.add(http.client()
				.sendAsync(request.apply(account), HttpResponse.BodyHandlers.ofString())
				.whenComplete((answer, failure) -> inFlight.release()));
		}
		return answers.stream().map(CompletableFuture::join).toList();
	}

	private static SandboxServer start(NoisePlan noise) {
		return start(noise, FLEET);
	}

	private static SandboxServer start(NoisePlan noise, int accounts) {
		return SandboxServer.start(
				SandboxSettings.defaults().withAccounts(accounts).withSlowProbeDelay(Duration.ZERO).withNoise(noise));
	}

}
