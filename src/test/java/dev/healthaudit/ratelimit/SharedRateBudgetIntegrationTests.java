package dev.healthaudit.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.healthaudit.scalekit.Route;
import dev.healthaudit.support.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/**
 * Budgets whose buckets live in a real PostgreSQL, as the shards of one run use them:
 * each "shard" here is a budget with its own {@link SharedBuckets} (its own Bucket4j
 * proxy manager), as in separate processes. Time is fake and common to all of them, both
 * the budgets' own time and the wall clock the buckets keep; nothing here sleeps.
 */
class SharedRateBudgetIntegrationTests {

	private static HikariDataSource dataSource;

	private final FakeTime time = new FakeTime();

	@BeforeAll
	static void database() {
		List<String> arguments = TestPostgres.newDatabaseArguments();
		dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(arguments.get(0).substring("--spring.datasource.url=".length()));
		dataSource.setUsername("postgres");
		dataSource.setPassword("postgres");
		dataSource.setMaximumPoolSize(10);
		Flyway.configure().dataSource(dataSource).load().migrate();
	}

	@AfterAll
	static void close() {
		dataSource.close();
	}

	@Test
	void threeShardsOfOneRunStayWithinTheBudgetTogetherInEveryOneSecondWindow() throws Exception {
		// 24 threads in three processes ask at once; in each process the thread at the
		// head of the queue sleeps until
		// a token is there, moving the fake time. 3000 requests per minute: 50 per second
		// for all three together, so at most 55 in a second.
		Sleeper sleeper = this.time.concurrentSleeper();
		List<RateBudget> shards = List.of(shard("run-a", 50, sleeper), shard("run-a", 50, sleeper),
				shard("run-a", 50, sleeper));
		SendLog sends = SendLog.fromThreads(shards, 24, 40);
		assertThat(sends.size()).isEqualTo(960);
		assertThat(sends.maxInAnySecond()).isLessThanOrEqualTo(55);
		// The fake clock runs ahead when the three processes' waits overlap (each sleep
		// moves it to its own end, computed
		// from when it began), so the rate seen here is a little below what real time
		// gives; a shard that kept a third
		// of the budget, or waited on the others' reservations, would show 17 or less.
		assertThat(sends.averageRate()).as("the budget is used, not just respected").isGreaterThan(40.0);
	}

	@Test
	void anotherRunsBudgetIsItsOwn() throws Exception {
		// 50 per second: a bucket of one token. At one instant run-a's first shard takes
		// its token; run-b's budget still
		// has its own and waits for nothing, while run-a's second shard, sharing run-a's
		// bucket, must wait a refill.
		List<Duration> waitsOfB = new ArrayList<>();
		List<Duration> waitsOfSecondA = new ArrayList<>();
		RateBudget firstA = shard("run-a", 50, this.time.sleeper());
		RateBudget secondA = shard("run-a", 50, (duration) -> {
			waitsOfSecondA.add(duration);
			this.time.advance(duration);
		});
		RateBudget onlyB = shard("run-b", 50, (duration) -> {
			waitsOfB.add(duration);
			this.time.advance(duration);
		});
		firstA.acquire();
		onlyB.acquire();
		assertThat(waitsOfB).as("run-b's token is its own").isEmpty();
		secondA.acquire();
		assertThat(waitsOfSecondA).as("run-a's shards share one bucket").isNotEmpty();
		assertThat(waitsOfSecondA.stream().reduce(Duration.ZERO, Duration::plus))
			.isGreaterThanOrEqualTo(Duration.ofMillis(19));
	}

	@Test
	void shardsSpendTheEnvironmentAndEachConnectionBudgetTogether() {
		// three processes' calls, one after the other in time: every call counts against
		// the environment, tool calls
		// against gmail too, whichever shard sends them
		List<RateBudgets> shards = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			shards.add(RateBudgets.of(3000, Map.of("gmail", 20.0), this.time::now, this.time.sleeper(),
					new SharedBuckets(dataSource, "run-c", this.time::now)));
		}
		SendLog environment = new SendLog();
		SendLog gmail = new SendLog();
		for (int i = 0; i < 600; i++) {
			Route route = (i % 2 == 0) ? Route.EXECUTE_TOOL : Route.GET_ACCOUNT;
			shards.get(i % 3).beforeCall(route, "gmail");
			environment.add(this.time.now());
			if (route == Route.EXECUTE_TOOL) {
				gmail.add(this.time.now());
			}
		}
		assertThat(environment.maxInAnySecond()).isLessThanOrEqualTo(55);
		assertThat(gmail.maxInAnySecond()).isLessThanOrEqualTo(22);
		assertThat(gmail.averageRate()).as("the connection budget is the bottleneck here").isGreaterThan(19.5);
	}

	@Test
	void aSharedBucketReadsBackAsTheConfigurationItWasCreatedWith() throws Exception {
		// budgets tell another shard's rate change from their own by comparing
		// configurations
		SharedBuckets buckets = new SharedBuckets(dataSource, "run-h", this.time::now);
		assertThat(buckets.configurationNow("environment")).isEmpty();
		new RateBudget("scalekit", 50, this.time::now, this.time.sleeper(), buckets, "environment",
				RateBudget.DEFAULT_MAX_PAUSE)
			.acquire();
		assertThat(buckets.configurationNow("environment")).contains(SmoothBandwidth.configuration(50));
		buckets.removeAll();
		assertThat(buckets.configurationNow("environment")).isEmpty();
	}

	@Test
	void sustainedRefusalsOnOneShardSlowTheSharedBucketForEveryShard() throws Exception {
		RateBudget first = shard("run-d", 50, this.time.sleeper());
		RateBudget second = shard("run-d", 50, this.time.sleeper());
		// 30 of every 100 answers are refusals
		Answers.sendAndAnswer(first, 100, 30);
		double lowered = first.currentRate();
		assertThat(lowered).isCloseTo(50 * 0.7 * AdaptiveRate.HEADROOM, offset(2.0));

		long limitedAt = this.time.now();
		SendLog sends = new SendLog();
		for (int i = 0; i < 20; i++) {
			second.acquire();
			sends.add(this.time.now());
		}
		assertThat(sends.first() - limitedAt).as("no pause: most requests went through")
			.isLessThan(Duration.ofSeconds(1).toNanos());
		assertThat(sends.averageRate()).isCloseTo(lowered, offset(0.5));
		// its own idea of the rate (for logs) is the shared bucket's
		assertThat(second.currentRate()).isCloseTo(lowered, offset(0.01));
	}

	@Test
	void theRefusalsOfSeveralShardsInOneOverloadLowerTheSharedRateOnce() throws Exception {
		List<RateBudget> shards = List.of(shard("run-e", 50, this.time.sleeper()),
				shard("run-e", 50, this.time.sleeper()), shard("run-e", 50, this.time.sleeper()));
		for (int i = 0; i < 90; i++) {
			shards.get(i % 3).acquire();
		}
		for (RateBudget budget : shards) {
			Answers.spread(budget, 30, 9);
		}
		double lowered = shards.get(0).currentRate();
		assertThat(lowered).isLessThan(50.0).isGreaterThan(25.0);
		assertThat(shards).allSatisfy((budget) -> assertThat(budget.currentRate()).isCloseTo(lowered, offset(0.01)));
		RateBudget joining = shard("run-e", 50, this.time.sleeper());
		joining.acquire();
		assertThat(joining.currentRate()).as("a shard that starts now follows the shared rate")
			.isCloseTo(lowered, offset(0.01));
	}

	@Test
	void aLoweredSharedRateRecoversAfterTheShardThatLoweredItHasGone() throws Exception {
		RateBudget gone = shard("run-f", 50, this.time.sleeper());
		sendFor(gone, Duration.ofSeconds(2));
		Answers.spread(gone, 100, 30);
		double lowered = gone.currentRate();
		long limitedAt = this.time.now();

		RateBudget remaining = shard("run-f", 50, this.time.sleeper());
		List<Double> rates = new ArrayList<>();
		SendLog sends = new SendLog();
		while (this.time.now() - limitedAt < Duration.ofSeconds(20).toNanos()) {
			remaining.acquire();
			sends.add(this.time.now());
			rates.add(remaining.currentRate());
		}
		assertThat(rates).isSorted();
		assertThat(rates.get(0)).isCloseTo(lowered, offset(1e-3));
		assertThat(rates.get(rates.size() - 1)).isEqualTo(50.0);
		assertThat(sends.maxInAnySecond()).isLessThanOrEqualTo(55);
	}

	@Test
	void shardsRecoveringTogetherRecoverNoFasterThanOne() throws Exception {
		long alone = recoveryTime(List.of(shard("run-g", 50, this.time.sleeper())));
		long together = recoveryTime(
				List.of(shard("run-i", 50, this.time.sleeper()), shard("run-i", 50, this.time.sleeper())));
		assertThat(together).as("two shards, one shared rate: growth steps are not taken twice")
			.isGreaterThanOrEqualTo(alone - AdaptiveRate.STEP_NANOS);
	}

	@Test
	void shardsSharingABudgetFindAServerLimitAtSeventyPercentTogether() {
		// two shard processes send in turn against a limit at 70 % of their budget; each
		// hears of its own requests only
		List<RateBudgets> shards = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			shards.add(RateBudgets.of(6000, Map.of(), this.time::now, this.time.sleeper(),
					new SharedBuckets(dataSource, "run-j", this.time::now), Duration.ofSeconds(30)));
		}
		ScriptedServer server = new ScriptedServer(this.time, (t) -> 70, 0, Optional.of(Duration.ofSeconds(1)),
				Duration.ofMillis(100), 11, 120);
		server.drive(shards, Route.GET_ACCOUNT, "gmail", 120);

		assertThat(server.acceptedRate(5, 120)).isGreaterThanOrEqualTo(0.9 * 70);
		assertThat(server.refusedShare()).isLessThanOrEqualTo(0.03);
		assertThat(server.sends().maxInAnySecond()).isLessThanOrEqualTo(110);
	}

	/**
	 * Lowers the shared rate to about half from the first shard, then sends in turn until
	 * every shard is at full rate.
	 */
	private long recoveryTime(List<RateBudget> shards) throws Exception {
		sendFor(shards.get(0), Duration.ofSeconds(2));
		for (RateBudget budget : shards) {
			Answers.spread(budget, 100, 30);
		}
		long limitedAt = this.time.now();
		for (int i = 0; !shards.stream().allMatch((budget) -> budget.currentRate() == 50.0); i++) {
			shards.get(i % shards.size()).acquire();
			assertThat(this.time.now() - limitedAt).isLessThan(Duration.ofSeconds(60).toNanos());
		}
		return this.time.now() - limitedAt;
	}

	private void sendFor(RateBudget budget, Duration duration) throws InterruptedException {
		long end = this.time.now() + duration.toNanos();
		while (this.time.now() < end) {
			budget.acquire();
		}
	}

	/**
	 * A budget as one shard process of {@code run} has it: its own proxy manager over the
	 * common database.
	 */
	private RateBudget shard(String run, double perSecond, Sleeper sleeper) {
		return new RateBudget("scalekit", perSecond, this.time::now, sleeper,
				new SharedBuckets(dataSource, run, this.time::now), "environment", RateBudget.DEFAULT_MAX_PAUSE);
	}

}
