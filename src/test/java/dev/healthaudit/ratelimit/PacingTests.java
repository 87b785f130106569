package dev.healthaudit.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.healthaudit.scalekit.Route;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Budgets against scripted servers in fake time (product §7, issue 12): sporadic refusals
 * do not slow a budget, a server limit below the budget is found within seconds and held
 * with few refusals, and a limit that comes back is used again. Budget 6,000 per minute
 * (100 per second) throughout, as in the throughput benchmarks.
 */
class PacingTests {

	private static final int BUDGET_PER_MINUTE = 6000;

	private static final double BUDGET = BUDGET_PER_MINUTE / 60.0;

	private static final Duration LATENCY = Duration.ofMillis(100);

	private final FakeTime time = new FakeTime();

	@Test
	void sporadicRefusalsOfOnePercentDoNotSlowTheBudget() {
		RateBudgets budgets = budgets();
		ScriptedServer server = server((t) -> Double.POSITIVE_INFINITY, 0.01, Optional.of(Duration.ofSeconds(1)), 120);
		server.drive(budgets, Route.GET_ACCOUNT, "gmail", 120);

		assertThat(server.refused()).as("the server did refuse now and then").isGreaterThan(80);
		assertThat(server.sent() / 120.0).as("requests per second").isGreaterThanOrEqualTo(0.97 * BUDGET);
		assertThat(server.sends().maxInAnySecond()).isLessThanOrEqualTo((int) (BUDGET * 1.1));
	}

	@Test
	void aServerLimitAtSeventyPercentOfTheBudgetIsFoundAndHeldWithFewRefusals() {
		limitAtSeventyPercent(Optional.of(Duration.ofSeconds(1)));
	}

	@Test
	void refusalsWithoutRetryAfterCountTheSame() {
		limitAtSeventyPercent(Optional.empty());
	}

	private void limitAtSeventyPercent(Optional<Duration> retryAfter) {
		double limit = 0.7 * BUDGET;
		RateBudgets budgets = budgets();
		ScriptedServer server = server((t) -> limit, 0, retryAfter, 120);
		server.drive(budgets, Route.GET_ACCOUNT, "gmail", 120);

		assertThat(server.acceptedRate(5, 120)).as("accepted per second after the first seconds")
			.isGreaterThanOrEqualTo(0.90 * limit);
		assertThat(server.refusedShare()).as("refused share of all requests").isLessThanOrEqualTo(0.03);
		assertThat(budgets.environment().currentRate()).isBetween(0.8 * limit, 1.1 * limit);
	}

	@Test
	void aLimitThatDropsToHalfForThirtySecondsIsFollowedAndLeftBehindWithinFifteenSeconds() {
		long dropAt = Duration.ofSeconds(40).toNanos();
		long liftAt = Duration.ofSeconds(70).toNanos();
		RateBudgets budgets = budgets();
		ScriptedServer server = server((t) -> (t >= dropAt && t < liftAt) ? 0.5 * BUDGET : BUDGET * 1.2, 0.01,
				Optional.of(Duration.ofSeconds(1)), 130);
		server.drive(budgets, Route.GET_ACCOUNT, "gmail", 130);

		assertThat(server.acceptedRate(45, 70)).as("while the limit is low")
			.isGreaterThanOrEqualTo(0.90 * 0.5 * BUDGET);
		int back = 70;
		while (back < 130 && server.acceptedIn(back) < 0.90 * BUDGET) {
			back++;
		}
		assertThat(back - 70).as("seconds until the budget is used again").isLessThanOrEqualTo(15);
		assertThat(server.acceptedRate(back, 130)).isGreaterThanOrEqualTo(0.95 * BUDGET);
		assertThat(server.refusedShare()).isLessThanOrEqualTo(0.03);
		assertThat(server.sends().maxInAnySecond()).isLessThanOrEqualTo((int) (BUDGET * 1.1));
	}

	@Test
	void aProviderLimitBelowAConnectionsRateLimitSlowsThatConnectionOnly() {
		RateBudgets budgets = budgets();
		ScriptedServer server = server((t) -> 14, 0, Optional.of(Duration.ofSeconds(1)), 120);
		server.drive(budgets, Route.EXECUTE_TOOL, "gmail", 120);

		assertThat(server.acceptedRate(5, 120)).isGreaterThanOrEqualTo(0.9 * 14);
		// a provider's refusals count as its limit from a tenth of the answers on
		// (per-user quotas below that are not):
		// the refused share stays well under that
		assertThat(server.refusedShare()).isLessThanOrEqualTo(0.08);
		assertThat(budgets.connection("gmail").currentRate()).isLessThan(16);
		assertThat(budgets.connection("slack").currentRate()).isEqualTo(20.0);
		assertThat(budgets.environment().currentRate()).isEqualTo(BUDGET);
	}

	@Test
	void perUserQuotasRefusingFivePercentOfProbesLeaveTheConnectionAtItsRateLimit() {
		RateBudgets budgets = budgets();
		ScriptedServer server = server((t) -> Double.POSITIVE_INFINITY, 0.05, Optional.of(Duration.ofSeconds(1)), 120);
		server.drive(budgets, Route.EXECUTE_TOOL, "gmail", 120);

		assertThat(server.sent() / 120.0).isGreaterThanOrEqualTo(0.97 * 20);
		assertThat(budgets.connection("gmail").currentRate()).isEqualTo(20.0);
	}

	@Test
	void sporadicProviderRefusalsLeaveTheConnectionAtItsRateLimit() {
		RateBudgets budgets = budgets();
		ScriptedServer server = server((t) -> Double.POSITIVE_INFINITY, 0.01, Optional.of(Duration.ofSeconds(1)), 120);
		server.drive(budgets, Route.EXECUTE_TOOL, "gmail", 120);

		assertThat(server.sent() / 120.0).isGreaterThanOrEqualTo(0.97 * 20);
		assertThat(server.sends().maxInAnySecond()).isLessThanOrEqualTo(22);
	}

	@Test
	void aHugeRetryAfterNeverPausesABudgetLongerThanTheMaximumPause() throws Exception {
		RateBudgets budgets = RateBudgets.of(BUDGET_PER_MINUTE, Map.of(), this.time::now, this.time.sleeper(),
				TokenBuckets.local(this.time::now), Duration.ofSeconds(30));
		// the server refuses everything for a while: overwhelmed, the budget pauses, but
		// never beyond 30 s
		ScriptedServer server = server((t) -> (t < Duration.ofSeconds(3).toNanos()) ? 0 : Double.POSITIVE_INFINITY, 0,
				Optional.of(Duration.ofSeconds(Long.MAX_VALUE / 2)), 120);
		server.drive(budgets, Route.GET_ACCOUNT, "gmail", 120);

		assertThat(server.acceptedRate(60, 120)).isGreaterThanOrEqualTo(0.95 * BUDGET);
	}

	private RateBudgets budgets() {
		return RateBudgets.of(BUDGET_PER_MINUTE, Map.of("gmail", 20.0, "slack", 20.0), this.time::now,
				this.time.sleeper());
	}

	private ScriptedServer server(java.util.function.LongToDoubleFunction limit, double sporadic,
			Optional<Duration> retryAfter, int seconds) {
		return new ScriptedServer(this.time, limit, sporadic, retryAfter, LATENCY, 7, seconds);
	}

}
