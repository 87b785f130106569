package dev.healthaudit.run;

import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

import dev.healthaudit.job.ProgressInputs;
import dev.healthaudit.metrics.AuditMetrics;
import dev.healthaudit.policy.AuditPolicy;
import dev.healthaudit.probe.AccountAuditor;
import dev.healthaudit.probe.AuditCounters;
import dev.healthaudit.ratelimit.Backoff;
import dev.healthaudit.ratelimit.InlineWaits;
import dev.healthaudit.ratelimit.RateBudgets;
import dev.healthaudit.ratelimit.Retries;
import dev.healthaudit.ratelimit.Sleeper;
import dev.healthaudit.result.ApiStats;
import dev.healthaudit.scalekit.ApiFailure;
import dev.healthaudit.scalekit.CallCounter;
import dev.healthaudit.scalekit.CallListener;
import dev.healthaudit.scalekit.CallResult;
import dev.healthaudit.scalekit.ScalekitClient;
import dev.healthaudit.scalekit.ScalekitCredentials;
import dev.healthaudit.scalekit.ScalekitTimeouts;

/**
 * A run's way to Scalekit: one client that spends the run's rate budgets, the policy's
 * retries, the auditors over them, and the counts and meters of what they did.
 */
final class ScalekitAccess {

	private final AuditPolicy policy;

	private final ScalekitClient client;

	private final RateBudgets budgets;

	private final CallCounter calls;

	private final AuditCounters counters;

	private final Retries retries;

	private final InlineWaits inlineWaits;

	private final Retries attempts;

	private final AuditMetrics metrics;

	private final Clock clock;

	ScalekitAccess(AuditPolicy policy, ScalekitCredentials credentials, RateBudgets budgets, AuditMetrics metrics,
			Clock clock) {
		this.policy = policy;
		this.budgets = budgets;
		this.metrics = metrics;
		this.clock = clock;
		this.calls = new CallCounter();
		this.client = new ScalekitClient(credentials, timeouts(policy),
				CallListener.compose(budgets, this.calls, metrics), clock);
		this.counters = new AuditCounters();
		metrics.bindRetries(this.counters::retries);
		metrics.bindRateLimitWaits(budgets);
		this.retries = new Retries(backoff(policy), Sleeper.SYSTEM, (failed) -> this.counters.retried());
		// attempts wait in place for their next try when that hides behind other work
		// (job package)
		this.inlineWaits = new InlineWaits(Math.max(1, policy.concurrency() / 2));
		this.attempts = this.retries.waitingInline(this.inlineWaits);
	}

	ScalekitClient client() {
		return this.client;
	}

	/** Each call retried as the policy allows, waiting in between. */
	Retries retries() {
		return this.retries;
	}

	/**
	 * Readies the client for the run, right before its first step: starts the transport
	 * threads of {@code concurrency} calls at once, then asks for a token as the policy's
	 * retries allow (one lost answer or 503 must not fail a nightly run, while an
	 * environment that stays unreachable still fails within a few backoffs).
	 */
	Optional<ApiFailure> verifyCredentials() {
		this.client.prepareForParallelCalls(this.policy.concurrency());
		CallResult<Boolean> verified = this.retries.call(() -> this.client.verifyCredentials()
			.<CallResult<Boolean>>map(CallResult::failure)
			.orElseGet(() -> CallResult.success(true)));
		return (verified instanceof CallResult.Failure<Boolean> failed) ? Optional.of(failed.failure())
				: Optional.empty();
	}

	/** Audits accounts in the first pass. */
	AccountAuditor auditor() {
		return new AccountAuditor(this.client, this.policy, this.attempts, this.clock);
	}

	/**
	 * Audits the accounts that the first pass deferred; their calls are weighed as
	 * repeated attempts.
	 */
	AccountAuditor deferredAuditor() {
		return new AccountAuditor(
				this.client
					.withListener(CallListener.compose(this.budgets.forRepeatedAttempts(), this.calls, this.metrics)),
				this.policy, this.attempts, this.clock);
	}

	InlineWaits inlineWaits() {
		return this.inlineWaits;
	}

	/** This process's API usage so far. */
	ApiStats apiStats() {
		return new ApiStats(this.calls.snapshot(), this.counters.retries(), this.budgets.totalWait().toNanos());
	}

	ProgressInputs progress(OptionalLong total) {
		return new ProgressInputs(total, this.counters::retries, this.budgets::waits);
	}

	AuditMetrics metrics() {
		return this.metrics;
	}

	private static ScalekitTimeouts timeouts(AuditPolicy policy) {
		return new ScalekitTimeouts(policy.scalekit().connectTimeout(), policy.scalekit().readTimeout(),
				policy.scalekit().toolTimeout());
	}

	private static Backoff backoff(AuditPolicy policy) {
		return new Backoff(policy.retry().maxAttempts(), policy.retry().initialBackoff(), policy.retry().maxBackoff(),
				() -> ThreadLocalRandom.current().nextDouble());
	}

}
