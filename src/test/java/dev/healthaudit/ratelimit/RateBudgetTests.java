package dev.healthaudit.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
		// 32 threads ask at once; the one at the head of the queue sleeps (moving the fake time) until a token is there.
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
		// 300 requests per second (a bucket of 6), 16 threads, and every 25th wait oversleeps by 200 ms, as a GC pause
		// or a busy machine would: after each stall only the bucket's few tokens go out at once, then the rate again
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
	void retryAfterPausesTheBudgetUntilThenAndHalvesItsRate() throws Exception {
		RateBudget budget = new RateBudget("gmail", 20, this.time::now, this.time.sleeper());
		budget.acquire();
		long limitedAt = this.time.now();
		budget.rateLimited(Optional.of(Duration.ofSeconds(5)));
		assertThat(budget.currentRate()).isEqualTo(10.0);

		budget.acquire();
		assertThat(this.time.now() - limitedAt).isGreaterThanOrEqualTo(Duration.ofSeconds(5).toNanos());
		SendLog sends = new SendLog();
		for (int i = 0; i < 10; i++) {
			budget.acquire();
			sends.add(this.time.now());
		}
		assertThat(sends.averageRate()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(0.01));
		assertThat(budget.waited()).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void aRequestWhoseSlotFallsIntoALaterPauseWaitsForThePause() throws Exception {
		// the 429 arrives while another thread sits on its reserved slot
		RateBudget[] holder = new RateBudget[1];
		boolean[] limited = { false };
		Sleeper sleeper = (duration) -> {
			this.time.advance(duration);
			if (!limited[0]) {
				limited[0] = true;
				holder[0].rateLimited(Optional.of(Duration.ofSeconds(3)));
			}
		};
		RateBudget budget = new RateBudget("scalekit", 1, this.time::now, sleeper);
		holder[0] = budget;
		budget.acquire(); // the bucket's one token
		long start = this.time.now();
		budget.acquire(); // waits ~1 s for a slot; the pause begins meanwhile
		assertThat(this.time.now() - start).isGreaterThanOrEqualTo(Duration.ofSeconds(4).toNanos());
	}

	@Test
	void rateRecoversStepByStepAfterA429() throws Exception {
		RateBudget budget = new RateBudget("scalekit", 50, this.time::now, this.time.sleeper());
		budget.rateLimited(Optional.empty());
		assertThat(budget.currentRate()).isEqualTo(25.0);
		SendLog sends = new SendLog();
		List<Double> rates = new ArrayList<>();
		while (this.time.now() < Duration.ofSeconds(20).toNanos()) {
			budget.acquire();
			sends.add(this.time.now());
			rates.add(budget.currentRate());
		}
		assertThat(rates).isSorted();
		assertThat(rates.get(0)).isEqualTo(25.0);
		assertThat(rates.get(rates.size() - 1)).isEqualTo(50.0);
		// 25 -> 50 in five steps of 2 s
		assertThat(rates).contains(30.0, 35.0, 40.0, 45.0);
		assertThat(sends.maxInAnySecond()).isLessThanOrEqualTo(55);
	}

	@Test
	void the429sOfOneBurstSlowTheBudgetDownOnce() {
		RateBudget budget = new RateBudget("scalekit", 50, this.time::now, this.time.sleeper());
		for (int i = 0; i < 32; i++) {
			budget.rateLimited(Optional.empty());
		}
		assertThat(budget.currentRate()).isEqualTo(25.0);
		this.time.advance(Duration.ofMillis(1001));
		budget.rateLimited(Optional.empty());
		assertThat(budget.currentRate()).isEqualTo(12.5);
	}

	@Test
	void neverSlowsBelowASixteenthOfTheConfiguredRate() {
		RateBudget budget = new RateBudget("scalekit", 16, this.time::now, this.time.sleeper());
		for (int i = 0; i < 10; i++) {
			budget.rateLimited(Optional.empty());
			this.time.advance(Duration.ofMillis(1001));
		}
		assertThat(budget.currentRate()).isEqualTo(1.0);
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

	/** rate + 10 %, and never less than one request (a lone request in a window is always allowed). */
	static int allowedPerSecond(double perSecond) {
		return Math.max(1, (int) Math.floor(perSecond * 1.1 + 1e-9));
	}

}
