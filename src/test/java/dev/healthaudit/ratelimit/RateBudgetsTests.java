package dev.healthaudit.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.healthaudit.scalekit.CallListener.Ending;
import dev.healthaudit.scalekit.Route;

import static org.assertj.core.api.Assertions.assertThat;

class RateBudgetsTests {

	private final FakeTime time = new FakeTime();

	private final RateBudgets budgets = RateBudgets.of(3000, connections(), this.time::now, this.time.sleeper());

	@Test
	void everyRequestSpendsTheEnvironmentBudgetAndOnlyToolCallsTheirConnections() {
		SendLog environment = new SendLog();
		SendLog gmail = new SendLog();
		for (int i = 0; i < 600; i++) {
			Route route = (i % 3 == 0) ? Route.EXECUTE_TOOL : ((i % 3 == 1) ? Route.GET_ACCOUNT : Route.TOKEN);
			this.budgets.beforeCall(route, (route == Route.TOKEN) ? "" : "gmail");
			environment.add(this.time.now());
			if (route == Route.EXECUTE_TOOL) {
				gmail.add(this.time.now());
			}
		}
		assertThat(environment.maxInAnySecond()).isLessThanOrEqualTo(55);
		assertThat(environment.averageRate()).isGreaterThan(49.0);
		assertThat(gmail.maxInAnySecond()).isLessThanOrEqualTo(22);
		assertThat(this.budgets.waits()).containsOnlyKeys("scalekit", "gmail", "slack");
		assertThat(this.budgets.waits().get("slack")).isZero();
		assertThat(this.budgets.totalWait())
			.isEqualTo(this.budgets.waits().get("scalekit").plus(this.budgets.waits().get("gmail")));
	}

	@Test
	void aConnectionsProbesLeaveWithinItsRateLimitAlsoWhenTheyQueueForTheEnvironment() throws Exception {
		// an input sorted by connection: most threads probe gmail while the environment
		// budget is the bottleneck
		FakeTime shared = new FakeTime();
		RateBudgets budgets = RateBudgets.of(3000, Map.of("gmail", 20.0), shared::now, shared.concurrentSleeper());
		SendLog gmail = new SendLog();
		SendLog all = new SendLog();
		// observed when each request leaves (its environment token, the last it waits
		// for, is taken), not when its thread
		// next looks at the fake clock; the taking thread tells whether it is a probe
		ThreadLocal<Boolean> probing = ThreadLocal.withInitial(() -> false);
		budgets.environment().onTaken((nanos) -> {
			all.add(nanos);
			if (probing.get()) {
				gmail.add(nanos);
			}
		});
		ExecutorService threads = Executors.newFixedThreadPool(32);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < 32; t++) {
				Route route = (t < 24) ? Route.EXECUTE_TOOL : Route.GET_ACCOUNT;
				done.add(threads.submit(() -> {
					probing.set(route == Route.EXECUTE_TOOL);
					for (int i = 0; i < 40; i++) {
						budgets.beforeCall(route, "gmail");
					}
					return null;
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(gmail.size()).isEqualTo(24 * 40);
		assertThat(gmail.maxInAnySecond()).isLessThanOrEqualTo(22);
		assertThat(all.maxInAnySecond()).isLessThanOrEqualTo(55);
	}

	@Test
	void aConnectionNamedLikeTheEnvironmentBudgetKeepsItsOwnWaits() {
		RateBudgets budgets = RateBudgets.of(60, Map.of(RateBudgets.ENVIRONMENT, 1.0), this.time::now,
				this.time.sleeper());
		for (int i = 0; i < 3; i++) {
			budgets.beforeCall(Route.EXECUTE_TOOL, RateBudgets.ENVIRONMENT);
		}
		assertThat(budgets.waits()).containsOnlyKeys("scalekit", "connection:scalekit");
		assertThat(budgets.waits().get("connection:scalekit")).isPositive();
		assertThat(budgets.totalWait())
			.isEqualTo(budgets.waits().get("scalekit").plus(budgets.waits().get("connection:scalekit")));
	}

	@Test
	void sustainedScalekit429sSlowTheEnvironmentBudgetOnly() {
		for (int i = 0; i < 100; i++) {
			this.budgets.beforeCall(Route.GET_ACCOUNT, "gmail");
		}
		for (int i = 0; i < 50; i++) {
			this.budgets.afterCall(Route.GET_ACCOUNT, "gmail",
					new Ending(429, Optional.of(Duration.ofSeconds(2)), false));
		}
		assertThat(this.budgets.environment().currentRate()).isLessThan(30.0);
		assertThat(this.budgets.connection("gmail").currentRate()).isEqualTo(20.0);
		long before = this.time.now();
		this.budgets.beforeCall(Route.GET_ACCOUNT, "gmail");
		assertThat(this.time.now() - before).as("refused half the time: paused for the Retry-After")
			.isGreaterThanOrEqualTo(Duration.ofSeconds(2).toNanos());
	}

	@Test
	void frequentProvider429sSlowOnlyThatConnection() {
		for (int i = 0; i < 40; i++) {
			this.budgets.beforeCall(Route.EXECUTE_TOOL, "gmail");
		}
		for (int i = 0; i < 10; i++) {
			this.budgets.afterCall(Route.EXECUTE_TOOL, "gmail",
					new Ending(429, Optional.of(Duration.ofSeconds(1)), true));
		}
		assertThat(this.budgets.connection("gmail").currentRate()).isLessThan(20.0);
		assertThat(this.budgets.connection("slack").currentRate()).isEqualTo(20.0);
		assertThat(this.budgets.environment().currentRate()).isEqualTo(50.0);
		long before = this.time.now();
		this.budgets.beforeCall(Route.GET_ACCOUNT, "gmail");
		assertThat(this.time.now() - before).as("reading accounts is not held up by a provider's quota")
			.isLessThanOrEqualTo(Duration.ofMillis(20).toNanos());
	}

	@Test
	void anOccasionalProvider429IsOneUsersQuotaAndLeavesTheConnectionAlone() {
		for (int i = 0; i < 100; i++) {
			this.budgets.beforeCall(Route.EXECUTE_TOOL, "gmail");
			this.budgets.afterCall(Route.EXECUTE_TOOL, "gmail", new Ending(200, Optional.empty(), false));
		}
		this.budgets.afterCall(Route.EXECUTE_TOOL, "gmail", new Ending(429, Optional.of(Duration.ofSeconds(1)), true));
		assertThat(this.budgets.connection("gmail").currentRate()).isEqualTo(20.0);
	}

	@Test
	void otherStatusesLeaveBudgetsAlone() {
		this.budgets.afterCall(Route.EXECUTE_TOOL, "gmail", new Ending(503, Optional.of(Duration.ofSeconds(9)), true));
		this.budgets.afterCall(Route.GET_ACCOUNT, "gmail", Ending.noAnswer());
		assertThat(this.budgets.environment().currentRate()).isEqualTo(50.0);
		assertThat(this.budgets.connection("gmail").currentRate()).isEqualTo(20.0);
	}

	private static Map<String, Double> connections() {
		Map<String, Double> rates = new LinkedHashMap<>();
		rates.put("gmail", 20.0);
		rates.put("slack", 20.0);
		return rates;
	}

}
