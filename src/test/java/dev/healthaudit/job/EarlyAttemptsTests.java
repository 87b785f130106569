package dev.healthaudit.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.healthaudit.account.AccountRef;
import dev.healthaudit.account.RejectedInput;
import dev.healthaudit.probe.DeferredAudit;
import dev.healthaudit.ratelimit.AttemptTally;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EarlyAttemptsTests {

	private final ExecutorService pool = Executors.newFixedThreadPool(2);

	private final Clock clock = Clock.systemUTC();

	private final AtomicInteger attempts = new AtomicInteger();

	private final CountDownLatch attempted = new CountDownLatch(1);

	private EarlyAttempts early;

	@AfterEach
	void close() {
		if (this.early != null) {
			this.early.close();
		}
		this.pool.shutdownNow();
	}

	@Test
	void attemptsADeferredAccountWhenItIsDueAndHandsTheOutcomeToItsReadBack() throws Exception {
		this.early = early(10);
		DeferredAudit deferred = deferred(7, 1, Duration.ofMillis(50));
		this.early.schedule(deferred);
		assertThat(this.attempted.await(10, TimeUnit.SECONDS)).as("attempted without being read back").isTrue();
		assertThat(this.early.take(deferred)).hasValueSatisfying(
				(outcome) -> assertThat(((ProcessedRecord.Rejected) outcome).reject().line()).isEqualTo(7));
		assertThat(this.attempts).hasValue(1);
		assertThat(this.early.take(deferred)).as("taken once").isEmpty();
	}

	@Test
	void aReadBackBeforeTheTimerRunsTheAttemptItselfAndTheTimerThenDoesNothing() throws Exception {
		this.early = early(10);
		DeferredAudit deferred = deferred(3, 2, Duration.ofMillis(300));
		this.early.schedule(deferred);
		assertThat(this.early.take(deferred)).isPresent();
		assertThat(this.attempts).hasValue(1);
		// past the timer's 300 ms
		await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() -> this.attempts.get() == 1);
		assertThat(this.attempts).as("the timer's copy did not run again").hasValue(1);
	}

	@Test
	void onlyTheDeferralThatWasScheduledIsTaken() throws Exception {
		this.early = early(10);
		this.early.schedule(deferred(3, 1, Duration.ofHours(1)));
		assertThat(this.early.take(deferred(3, 2, Duration.ZERO))).as("another attempt count").isEmpty();
		assertThat(this.early.take(deferred(4, 1, Duration.ZERO))).as("another line").isEmpty();
		assertThat(this.attempts).hasValue(0);
	}

	@Test
	void beyondTheLimitADeferralWaitsToBeReadBack() throws Exception {
		this.early = early(1);
		this.early.schedule(deferred(1, 1, Duration.ofHours(1)));
		DeferredAudit second = deferred(2, 1, Duration.ofHours(1));
		this.early.schedule(second);
		assertThat(this.early.take(second)).isEmpty();
	}

	@Test
	void closingDropsAttemptsNotStarted() throws Exception {
		this.early = early(10);
		DeferredAudit deferred = deferred(5, 1, Duration.ofMillis(200));
		this.early.schedule(deferred);
		this.early.close();
		// past the 200 ms the attempt was due in
		await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(5)).until(() -> this.attempts.get() == 0);
		assertThat(this.attempts).hasValue(0);
		assertThat(this.early.take(deferred)).isEmpty();
	}

	private EarlyAttempts early(int limit) {
		return new EarlyAttempts((deferred) -> {
			this.attempts.incrementAndGet();
			this.attempted.countDown();
			return new ProcessedRecord.Rejected(new RejectedInput(deferred.account().line(), "again", ""));
		}, this.pool, this.clock, limit);
	}

	private DeferredAudit deferred(long line, int attempts, Duration dueIn) {
		return new DeferredAudit(new AccountRef("gmail", "user" + line + "@example.com", line, Map.of()),
				AttemptTally.failures(attempts), Instant.now().plus(dueIn), "503");
	}

}
