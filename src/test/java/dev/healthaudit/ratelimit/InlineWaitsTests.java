package dev.healthaudit.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InlineWaitsTests {

	private final AtomicInteger queued = new AtomicInteger();

	private final InlineWaits waits = new InlineWaits(2);

	@Test
	void nothingWaitsInPlaceUntilTheQueueIsKnown() {
		this.waits.attemptTook(Duration.ofSeconds(2));
		assertThat(this.waits.tryAcquire(Duration.ofMillis(1), Duration.ZERO)).isFalse();
	}

	@Test
	void typicalAttemptIsAMovingAverageThatStartsAtTheFirstAttempt() {
		assertThat(this.waits.typicalAttempt()).isZero();
		this.waits.attemptTook(Duration.ofMillis(1000));
		assertThat(this.waits.typicalAttempt()).isEqualTo(Duration.ofMillis(1000));
		this.waits.attemptTook(Duration.ofMillis(2000));
		assertThat(this.waits.typicalAttempt()).isEqualTo(Duration.ofMillis(1020));
	}

	@Test
	void aWaitMustBeCoveredByTheWorkQueuedBehindIt() {
		this.waits.coverWith(this.queued::get, 64);
		this.waits.attemptTook(Duration.ofMillis(1500));
		this.queued.set(128);
		assertThat(this.waits.covered()).isEqualTo(Duration.ofSeconds(3));
		assertThat(this.waits.tryAcquire(Duration.ofSeconds(1), Duration.ofSeconds(2))).isTrue();
		this.waits.release();
		assertThat(this.waits.tryAcquire(Duration.ofSeconds(1), Duration.ofMillis(2001)))
			.as("the attempt's waits add up to more than the queued work covers")
			.isFalse();
		this.queued.set(10);
		assertThat(this.waits.tryAcquire(Duration.ofSeconds(1), Duration.ZERO))
			.as("10 accounts queued for 64 workers cover 0.23 s")
			.isFalse();
	}

	@Test
	void aFastServerDefersWhatASlowOneWaitsOut() {
		this.waits.coverWith(this.queued::get, 64);
		this.queued.set(1000);
		this.waits.attemptTook(Duration.ofMillis(5));
		assertThat(this.waits.tryAcquire(Duration.ofSeconds(1), Duration.ZERO)).as("1000 x 5 ms / 64 = 78 ms")
			.isFalse();
	}

	@Test
	void permitsBoundHowManyWaitAtOnce() {
		this.waits.coverAll();
		assertThat(this.waits.tryAcquire(Duration.ofHours(1), Duration.ZERO)).isTrue();
		assertThat(this.waits.tryAcquire(Duration.ofHours(1), Duration.ZERO)).isTrue();
		assertThat(this.waits.tryAcquire(Duration.ofMillis(1), Duration.ZERO)).as("both permits taken").isFalse();
		this.waits.release();
		assertThat(this.waits.tryAcquire(Duration.ofMillis(1), Duration.ZERO)).isTrue();
	}

	@Test
	void theSecondPassCoversEveryWaitEvenBeforeAnyAttemptIsTimed() {
		this.waits.coverWith(this.queued::get, 64);
		this.waits.coverAll();
		assertThat(this.waits.tryAcquire(Duration.ofDays(1), Duration.ZERO)).isTrue();
	}

}
