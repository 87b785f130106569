package dev.healthaudit.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.healthaudit.scalekit.ApiError;
import dev.healthaudit.scalekit.ApiFailure;
import dev.healthaudit.scalekit.CallResult;

import static org.assertj.core.api.Assertions.assertThat;

class RetriesTests {

	private static final ApiFailure UNAVAILABLE = new ApiFailure.ServerError(503, Optional.of(Duration.ofSeconds(1)),
			ApiError.empty());

	private static final ApiFailure RATE_LIMITED = new ApiFailure.RateLimited(Optional.of(Duration.ofSeconds(1)),
			ApiError.empty());

	private static final ApiFailure PROVIDER_QUOTA = new ApiFailure.ProviderError(429,
			Optional.of(Duration.ofSeconds(1)), ApiError.empty());

	private static final ApiFailure NOT_FOUND = new ApiFailure.NotFound(ApiError.empty());

	private final List<Duration> slept = new ArrayList<>();

	private final AtomicInteger retried = new AtomicInteger();

	private final Retries retries = new Retries(
			new Backoff(3, Duration.ofMillis(200), Duration.ofSeconds(2), () -> 1.0), this.slept::add,
			(failed) -> this.retried.incrementAndGet());

	@Test
	void waitsInlineAndHonoursRetryAfter() {
		AtomicInteger calls = new AtomicInteger();
		CallResult<String> result = this.retries
			.call(() -> (calls.incrementAndGet() < 3) ? CallResult.failure(UNAVAILABLE) : CallResult.success("ok"));
		assertThat(result.succeeded()).isTrue();
		assertThat(calls).hasValue(3);
		assertThat(this.slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
		assertThat(this.retried).hasValue(2);
	}

	@Test
	void deferringNeverWaitsAndStopsSendingAfterTheFirstTransientFailure() {
		Retries attempt = this.retries.deferring(AttemptTally.NONE);
		AtomicInteger calls = new AtomicInteger();
		CallResult<String> first = attempt.call(() -> {
			calls.incrementAndGet();
			return CallResult.failure(UNAVAILABLE);
		});
		CallResult<String> later = attempt.call(() -> {
			calls.incrementAndGet();
			return CallResult.success("never sent");
		});
		assertThat(first.succeeded()).isFalse();
		assertThat(later.succeeded()).isFalse();
		assertThat(calls).as("the second call is not sent").hasValue(1);
		assertThat(this.slept).isEmpty();
		assertThat(attempt.deferral()).hasValueSatisfying((deferral) -> {
			assertThat(deferral.failure()).isEqualTo(UNAVAILABLE);
			assertThat(deferral.delay()).isEqualTo(Duration.ofSeconds(1));
		});
		assertThat(this.retried).hasValue(1);
	}

	@Test
	void deferringLeavesLastingFailuresAndSuccessesAlone() {
		Retries attempt = this.retries.deferring(AttemptTally.NONE);
		assertThat(attempt.call(() -> CallResult.<String>success("ok")).succeeded()).isTrue();
		assertThat(attempt.call(() -> CallResult.<String>failure(NOT_FOUND)).succeeded()).isFalse();
		assertThat(attempt.deferral()).isEmpty();
		assertThat(this.retries.deferral()).as("the shared instance never defers").isEmpty();
	}

	@Test
	void deferringDoesNotDeferWhatWouldNotBeRetried() {
		Retries once = new Retries(new Backoff(1, Duration.ofMillis(200), Duration.ofSeconds(2), () -> 1.0),
				this.slept::add, (failed) -> this.retried.incrementAndGet())
			.deferring(AttemptTally.NONE);
		assertThat(once.call(() -> CallResult.<String>failure(UNAVAILABLE)).succeeded()).isFalse();
		assertThat(once.deferral()).as("no attempt left: the failure is final").isEmpty();
		Retries patient = this.retries.deferring(AttemptTally.NONE);
		ApiFailure longWait = new ApiFailure.RateLimited(Optional.of(Duration.ofMinutes(5)), ApiError.empty());
		assertThat(patient.call(() -> CallResult.<String>failure(longWait)).succeeded()).isFalse();
		assertThat(patient.deferral()).as("Retry-After beyond max-backoff: given up, not deferred").isEmpty();
	}

	@Test
	void attemptsAreCountedAcrossDeferrals() {
		Retries second = this.retries.deferring(AttemptTally.failures(1));
		assertThat(second.call(() -> CallResult.<String>failure(UNAVAILABLE)).succeeded()).isFalse();
		assertThat(second.deferral()).as("attempt 2 of 3 may be deferred again").isPresent();
		Retries third = this.retries.deferring(AttemptTally.failures(2));
		AtomicInteger calls = new AtomicInteger();
		assertThat(third.call(() -> {
			calls.incrementAndGet();
			return CallResult.<String>failure(UNAVAILABLE);
		}).succeeded()).isFalse();
		assertThat(third.deferral()).as("the last attempt's failure is final").isEmpty();
		assertThat(calls).hasValue(1);
		assertThat(this.slept).isEmpty();
	}

	@Test
	void waitingInPlaceRetriesTheFailedCallAndCountsAttemptsPerUnit() {
		InlineWaits waits = new InlineWaits(1);
		waits.coverAll();
		Retries attempt = this.retries.waitingInline(waits).deferring(AttemptTally.NONE);
		AtomicInteger calls = new AtomicInteger();
		CallResult<String> result = attempt
			.call(() -> (calls.incrementAndGet() < 3) ? CallResult.failure(UNAVAILABLE) : CallResult.success("ok"));
		assertThat(result.succeeded()).isTrue();
		assertThat(calls).hasValue(3);
		assertThat(this.slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
		assertThat(attempt.deferral()).isEmpty();
		assertThat(this.retried).hasValue(2);
		// a second call of the same unit meets the policy's limit of 3 attempts: its
		// failure is final
		CallResult<String> next = attempt.call(() -> CallResult.failure(UNAVAILABLE));
		assertThat(next.succeeded()).isFalse();
		assertThat(attempt.deferral()).as("attempt 3 of 3 was the last").isEmpty();
		assertThat(this.slept).hasSize(2);
	}

	@Test
	void waitingInPlaceDefersWhenTheWaitIsNotCovered() {
		InlineWaits waits = new InlineWaits(4);
		AtomicInteger queued = new AtomicInteger(0);
		waits.coverWith(queued::get, 4);
		waits.attemptTook(Duration.ofSeconds(2));
		Retries attempt = this.retries.waitingInline(waits).deferring(AttemptTally.failures(1));
		assertThat(attempt.call(() -> CallResult.<String>failure(UNAVAILABLE)).succeeded()).isFalse();
		assertThat(attempt.deferral()).as("nothing queued covers a 1 s wait").isPresent();
		assertThat(attempt.attemptsMade()).isEqualTo(AttemptTally.failures(2));
		assertThat(this.slept).isEmpty();
		queued.set(2);
		Retries covered = this.retries.waitingInline(waits).deferring(AttemptTally.NONE);
		AtomicInteger calls = new AtomicInteger();
		CallResult<String> result = covered.call(() -> (calls.incrementAndGet() < 3) ? CallResult.failure(UNAVAILABLE)
				: CallResult.success("never reached"));
		assertThat(result.succeeded()).isFalse();
		assertThat(this.slept).as("2 accounts x 2 s / 4 workers cover one wait of 1 s, not two")
			.containsExactly(Duration.ofSeconds(1));
		assertThat(covered.attemptsMade()).isEqualTo(AttemptTally.failures(2));
		covered.finished(Duration.ofSeconds(3));
		assertThat(waits.typicalAttempt()).as("the 1 s waited in place is not part of the attempt")
			.isEqualTo(Duration.ofMillis(2000));
	}

	@Test
	void anInterruptedWaitInPlaceDefersAndKeepsTheInterrupt() {
		InlineWaits waits = new InlineWaits(1);
		waits.coverAll();
		Retries attempt = new Retries(new Backoff(3, Duration.ofMillis(200), Duration.ofSeconds(2), () -> 1.0),
				(duration) -> {
					throw new InterruptedException();
				}, (failed) -> this.retried.incrementAndGet())
			.waitingInline(waits)
			.deferring(AttemptTally.NONE);
		try {
			assertThat(attempt.call(() -> CallResult.<String>failure(UNAVAILABLE)).succeeded()).isFalse();
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
			assertThat(attempt.deferral()).as("deferred, to be attempted again, not ended by the stop").isPresent();
			assertThat(waits.tryAcquire(Duration.ofMillis(1), Duration.ZERO)).as("the permit was given back").isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

	@Test
	void scalekitRefusalsOfThePaceDoNotSpendAttemptsUpToAsManyAgain() {
		Retries last = this.retries.deferring(AttemptTally.failures(2));
		assertThat(last.call(() -> CallResult.<String>failure(RATE_LIMITED)).succeeded()).isFalse();
		assertThat(last.deferral()).as("attempt 3 of 3 refused for the pace: deferred, not final").isPresent();
		assertThat(last.attemptsMade()).isEqualTo(new AttemptTally(2, 1));
		Retries spent = this.retries.deferring(new AttemptTally(2, 3));
		assertThat(spent.call(() -> CallResult.<String>failure(RATE_LIMITED)).succeeded()).isFalse();
		assertThat(spent.deferral()).as("3 free refusals used: this one counts, and it was the last").isEmpty();
		assertThat(spent.attemptsMade()).isEqualTo(new AttemptTally(3, 3));
	}

	@Test
	void aServerThatRefusesForeverEndsAfterTwiceMaxAttempts() {
		AtomicInteger calls = new AtomicInteger();
		CallResult<String> result = this.retries.call(() -> {
			calls.incrementAndGet();
			return CallResult.failure(RATE_LIMITED);
		});
		assertThat(result.succeeded()).isFalse();
		assertThat(calls).as("3 free refusals, then 3 that count").hasValue(6);
		assertThat(this.slept).hasSize(5).containsOnly(Duration.ofSeconds(1));
		assertThat(this.retried).hasValue(5);
	}

	@Test
	void aProvidersRefusalCountsItMayBeThatUsersQuota() {
		Retries last = this.retries.deferring(AttemptTally.failures(2));
		assertThat(last.call(() -> CallResult.<String>failure(PROVIDER_QUOTA)).succeeded()).isFalse();
		assertThat(last.deferral()).as("the last attempt's provider 429 is final").isEmpty();
		assertThat(last.attemptsMade()).isEqualTo(AttemptTally.failures(3));
	}

	@Test
	void paceRefusalsAndFailuresAddUpPerUnitOfWork() {
		InlineWaits waits = new InlineWaits(1);
		waits.coverAll();
		Retries attempt = this.retries.waitingInline(waits).deferring(AttemptTally.failures(1));
		List<ApiFailure> answers = new ArrayList<>(List.of(RATE_LIMITED, UNAVAILABLE, RATE_LIMITED));
		CallResult<String> result = attempt
			.call(() -> answers.isEmpty() ? CallResult.success("ok") : CallResult.failure(answers.remove(0)));
		assertThat(result.succeeded()).isTrue();
		assertThat(this.slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
		CallResult<String> next = attempt.call(() -> CallResult.failure(UNAVAILABLE));
		assertThat(next.succeeded()).isFalse();
		assertThat(attempt.deferral()).as("failures 1 + 1 + this one: 3 of 3, final").isEmpty();
		assertThat(attempt.attemptsMade()).isEqualTo(new AttemptTally(3, 2));
	}

}
