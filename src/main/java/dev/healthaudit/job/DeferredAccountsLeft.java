package dev.healthaudit.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.step.StepExecution;

import dev.healthaudit.ratelimit.Sleeper;
import dev.healthaudit.result.DeferralStore;

/**
 * Between rounds of the deferred step: {@link #MORE} when deferred accounts are left
 * (after waiting, outside any transaction, until the first of them is due), {@link #DONE}
 * when none are.
 */
final class DeferredAccountsLeft implements JobExecutionDecider {

	static final String MORE = "MORE";

	static final String DONE = "DONE";

	private final DeferralStore store;

	private final String runId;

	private final String shard;

	private final Clock clock;

	private final Sleeper sleeper;

	DeferredAccountsLeft(DeferralStore store, String runId, String shard, Clock clock, Sleeper sleeper) {
		this.store = store;
		this.runId = runId;
		this.shard = shard;
		this.clock = clock;
		this.sleeper = sleeper;
	}

	@Override
	public FlowExecutionStatus decide(JobExecution job, StepExecution step) {
		Optional<Instant> due = this.store.nextDeferredDue(this.runId, this.shard);
		if (due.isEmpty()) {
			return new FlowExecutionStatus(DONE);
		}
		Duration wait = Duration.between(this.clock.instant(), due.get());
		if (!wait.isNegative() && !wait.isZero()) {
			try {
				this.sleeper.sleep(wait);
			}
			catch (InterruptedException ex) {
				// stopping: the job is stopped at the next step boundary, and a restart
				// takes the rest
				Thread.currentThread().interrupt();
			}
		}
		return new FlowExecutionStatus(MORE);
	}

}
