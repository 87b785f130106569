package dev.healthaudit.ratelimit;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecentRateLimitsTests {

	private final AtomicLong now = new AtomicLong(1_000_000_000_000L);

	private final RecentRateLimits recent = new RecentRateLimits(this.now::get);

	@Test
	void aFewRefusalsAmongManyCallsAreNotPressure() {
		for (int i = 0; i < 200; i++) {
			this.recent.record(false);
		}
		for (int i = 0; i < 10; i++) {
			assertThat(this.recent.record(true)).as("refusal " + i).isFalse();
		}
	}

	@Test
	void aTenthOfCallsRefusedIsPressure() {
		for (int i = 0; i < 40; i++) {
			this.recent.record(false);
		}
		boolean pressure = false;
		for (int i = 0; i < 5; i++) {
			pressure = this.recent.record(true);
		}
		assertThat(pressure).isTrue();
	}

	@Test
	void oldCallsLeaveTheWindow() {
		for (int i = 0; i < 1000; i++) {
			this.recent.record(false);
		}
		this.now.addAndGet(RecentRateLimits.WINDOW_SECONDS * 1_000_000_000L);
		boolean pressure = false;
		for (int i = 0; i < 5; i++) {
			pressure = this.recent.record(true);
		}
		assertThat(pressure).as("the 1000 successes are older than the window").isTrue();
	}

	@Test
	void successesAreNeverPressure() {
		assertThat(this.recent.record(false)).isFalse();
	}

}
