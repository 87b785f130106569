package dev.healthaudit.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/** Budgets driven by fake time: nothing here sleeps. */
class RateBudgetTests {

	private final FakeTime time = new FakeTime();

	@ParameterizedTest
	@ValueSource(doubles = { 0.5, 1, 7.5, 10, 20, 50, 100, 333.3, 2000 })
	void sequentialCallsStayWithinTheRatePlusTenPercentInEveryOneSecondWindow(double perSecond) throws Exception {
		RateBudget budget = new RateBudget("test", perSecond, this.time::now, this.time.sleeper());
		SendLog sends = new SendLog();
		int calls = (int) Math.max(50, perSecond * 30);
		for (int i = 0; i < calls; i++) {
			budget.acquire();
			sends.add(this.time.now());
			// a request takes a little time; irregular so that windows fall everywhere
			this.time.advance(Duration.ofNanos((i % 3) * 100_000L));
		}
		assertThat(sends.maxInAnySecond()).isLessThanOrEqualTo(allowedPerSecond(perSecond));
		assertThat(sends.averageRate()).as("the budget is used, not just respected").isGreaterThan(perSecond * 0.95);
	}

	@Test
	void manyThreadsTogetherStayWithinTheRatePlusTenPercentInEveryOneSecondWindow() throws Exception {
		// 32 threads ask at once; the one at the head of the queue sleeps (moving the
		// fake time) until a token is there.
		// 3000 requests per minute: 50 per second, so at most 55 in any second.
		RateBudget budget = new RateBudget("scalekit", 50, this.time::now, this.time.sleeper());
		SendLog sends = SendLog.fromThreads(List.of(budget), 32, 100);
		assertThat(sends.size()).isEqualTo(3200);
		assertThat(sends.maxInAnySecond()).isLessThanOrEqualTo(55);
		assertThat(sends.averageRate()).isGreaterThan(49.0);
		assertThat(budget.waited()).isGreaterThan(Duration.ofSeconds(32 * 100 / 50));
	}

	@Test
	void threadsHeldUpTogetherDoNotSendACatchUpBurst() throws Exception {
		// 300 requests per second (a bucket of 6), 16 threads, and every 25th wait
		// oversleeps by 200 ms, as a GC pause
		// or a busy machine would: after each stall only the bucket's few tokens go out
		// at once, then the rate again
		FakeTime late = new FakeTime();
		int[] sleeps = new int[1];
		Sleeper oversleeping = (duration) -> {
			late.advance(duration);
			if (++sleeps[0] % 25 == 0) {
				late.advance(Duration.ofMillis(200));
			}
		};
		RateBudget budget = new RateBudget("scalekit", 300, late::now, oversleeping);
		SendLog sends = SendLog.fromThreads(List.of(budget), 16, 200);
		assertThat(sleeps[0]).as("stalls happened").isGreaterThan(100);
		// a tenth of a second's worth is 30; the bucket holds 6 more at most
		assertThat(sends.maxIn(Duration.ofMillis(100))).isLessThanOrEqualTo(30 + 6 + 1);
		assertThat(sends.maxIn(Duration.ofMillis(10))).as("no burst beyond the bucket").isLessThanOrEqualTo(6 + 3 + 1);
	}

	@Test
	void aSporadicRefusalChangesNeitherRateNorPace() throws Exception {
		RateBudget budget = new RateBudget("gmail", 20, this.time::now, this.time.sleeper());
		sendFor(budget, Duration.ofSeconds(2));
		budget.rateLimited(Optional.of(Duration.ofSeconds(5)));
		long refusedAt = this.time.now();
		budget.acquire();
		assertThat(budget.currentRate()).isEqualTo(20.0);
		assertThat(this.time.now() - refusedAt).as("no pause").isLessThanOrEqualTo(Duration.ofMillis(50).toNanos());
	}

	@Test
	void sustainedRefusalsLowerTheRateToJustBelowWhatTheServerAccepted() throws Exception {
		RateBudget budget = new RateBudget("scalekit", 50, this.time::now, this.time.sleeper());
		// 30 of every 100 answers are refusals: the server accepts about 35 per second
		Answers.sendAndAnswer(budget, 100, 30);
		assertThat(budget.currentRate()).isCloseTo(50 * 0.7 * AdaptiveRate.HEADROOM, offset(2.0));
		long before = this.time.now();
		budget.acquire();
		assertThat(this.time.now() - before).as("most requests still went through: no pause")
			.isLessThan(Duration.ofMillis(100).toNanos());
	}

	@Test
	void aServerRefusingMostRequestsAlsoPausesTheBudgetForItsRetryAfter() throws Exception {
		RateBudget budget = new RateBudget("scalekit", 50, this.time::now, this.time.sleeper());
		sendFor(budget, Duration.ofMillis(200));
		long limitedAt = this.time.now();
		for (int i = 0; i < 10; i++) {
			budget.rateLimited(Optional.of(Duration.ofSeconds(5)));
		}
		budget.acquire();
		assertThat(this.time.now() - limitedAt).isGreaterThanOrEqualTo(Duration.ofSeconds(5).toNanos());
		assertThat(budget.waited()).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void aRetryAfterLongerThanTheMaximumPauseIsCutToIt() throws Exception {
		RateBudget budget = new RateBudget("scalekit", 50, this.time::now, this.time.sleeper(),
				TokenBuckets.local(this.time::now), "environment", Duration.ofSeconds(30));
		sendFor(budget, Duration.ofMillis(200));
		long limitedAt = this.time.now();
		for (int i = 0; i < 10; i++) {
			budget.rateLimited(Optional.of(Duration.ofSeconds(Long.MAX_VALUE)));
		}
		budget.acquire();
		assertThat(this.time.now() - limitedAt).isBetween(Duration.ofSeconds(30).toNanos(),
				Duration.ofSeconds(31).toNanos());
	}

	@Test
	void aRequestWhoseTokenWasTakenWhileAPauseBeganWaitsForThePause() throws Exception {
		// the refusals arrive while another thread waits for its token
		RateBudget[] holder = new RateBudget[1];
		boolean[] limited = { false };
		Sleeper sleeper = (duration) -> {
			this.time.advance(duration);
			if (!limited[0]) {
				limited[0] = true;
				for (int i = 0; i < AdaptiveRate.MIN_REFUSALS; i++) {
					holder[0].rateLimited(Optional.of(Duration.ofSeconds(3)));
				}
			}
		};
		RateBudget budget = new RateBudget("scalekit", 1, this.time::now, sleeper);
		holder[0] = budget;
		budget.acquire(); // the bucket's one token
		long start = this.time.now();
		budget.acquire(); // waits ~1 s for a token; the pause begins meanwhile
		assertThat(this.time.now() - start).isGreaterThanOrEqualTo(Duration.ofSeconds(4).toNanos());
	}

	@Test
	void aLoweredRateComesBackQuicklyToTheLastCeilingThenCarefullyThenFast() throws Exception {
		RateBudget budget = new RateBudget("scalekit", 100, this.time::now, this.time.sleeper());
		Answers.sendAndAnswer(budget, 200, 60);
		double lowered = budget.currentRate();
		double ceiling = lowered / AdaptiveRate.HEADROOM;
		assertThat(ceiling).isCloseTo(70.0, offset(5.0));
		SendLog sends = new SendLog();
		List<Double> rates = new ArrayList<>();
		long start = this.time.now();
		while (budget.currentRate() < 100) {
			budget.acquire();
			budget.accepted();
			sends.add(this.time.now());
			rates.add(budget.currentRate());
		}
		assertThat(rates).isSorted();
		// a second's hold, back to 0.97 of what was accepted, a careful step up to the
		// plateau just below it, probing
		// steps of half a hundredth until the server accepts clearly more, then doubling
		// steps
		double near = ceiling * (1 - 3 * AdaptiveRate.CAREFUL_STEP);
		double plateau = ceiling * AdaptiveRate.PLATEAU_LEVEL;
		for (double expected : new double[] { near, plateau, plateau + 0.5, plateau + 1.0 }) {
			assertThat(rates).anySatisfy((rate) -> assertThat(rate).isCloseTo(expected, offset(1e-6)));
		}
		assertThat(rates.stream().distinct().filter((rate) -> rate > ceiling + 5))
			.as("once the server accepts more, the steps grow")
			.hasSizeLessThan(8);
		assertThat(this.time.now() - start).as("full rate again").isLessThanOrEqualTo(Duration.ofSeconds(20).toNanos());
		assertThat(sends.maxInAnySecond()).isLessThanOrEqualTo(110);
	}

	@Test
	void theRefusalsOfOneOverloadLowerTheRateOnce() throws Exception {
		RateBudget budget = new RateBudget("scalekit", 50, this.time::now, this.time.sleeper());
		sendFor(budget, Duration.ofSeconds(2));
		for (int i = 0; i < 60; i++) {
			budget.rateLimited(Optional.empty());
		}
		double once = budget.currentRate();
		assertThat(once).isLessThan(50);
		for (int i = 0; i < 60; i++) {
			budget.rateLimited(Optional.empty());
		}
		assertThat(budget.currentRate()).as("refusals of requests in flight are the same overload").isEqualTo(once);
	}

	@Test
	void neverSlowsBelowASixteenthOfTheConfiguredRate() throws Exception {
		RateBudget budget = new RateBudget("scalekit", 16, this.time::now, this.time.sleeper());
		for (int round = 0; round < 10; round++) {
			budget.acquire();
			for (int i = 0; i < 10; i++) {
				budget.rateLimited(Optional.empty());
			}
			this.time.advance(Duration.ofMillis(1001));
		}
		assertThat(budget.currentRate()).isEqualTo(1.0);
	}

	private void sendFor(RateBudget budget, Duration duration) throws InterruptedException {
		long end = this.time.now() + duration.toNanos();
		while (this.time.now() < end) {
			budget.acquire();
		}
	}

	@Test
	void waitsAreCounted() throws Exception {
		RateBudget budget = new RateBudget("slack", 10, this.time::now, this.time.sleeper());
		for (int i = 0; i < 101; i++) {
			budget.acquire();
		}
		// one token in the bucket at the start, then one every 100 ms
		assertThat(budget.waited()).isEqualTo(Duration.ofSeconds(10));
	}

	/**
	 * rate + 10 %, and never less than one request (a lone request in a window is always
	 * allowed).
	 */
	static int allowedPerSecond(double perSecond) {
		return Math.max(1, (int) Math.floor(perSecond * 1.1 + 1e-9));
	}

}
