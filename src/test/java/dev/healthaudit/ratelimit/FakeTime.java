package dev.healthaudit.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Nanosecond time that only moves when a test (or a sleeper built from it) moves it. */
final class FakeTime {

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	long now() {
		return this.nanos.get();
	}

	void advance(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
	}

	/**
	 * A sleeper for one thread at a time: sleeping moves time forward by exactly the
	 * wait.
	 */
	Sleeper sleeper() {
		return this::advance;
	}

	/**
	 * A sleeper for threads that sleep at the same time (budgets of several processes): a
	 * sleep moves time to its own end unless time is already past it, so concurrent waits
	 * overlap instead of adding up.
	 */
	Sleeper concurrentSleeper() {
		return (duration) -> {
			long end = this.nanos.get() + duration.toNanos();
			this.nanos.accumulateAndGet(end, Math::max);
		};
	}

}
