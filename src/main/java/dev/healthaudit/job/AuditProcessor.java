package dev.healthaudit.job;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.healthaudit.account.AccountRef;
import dev.healthaudit.account.RejectedInput;
import dev.healthaudit.probe.AccountAuditor;
import dev.healthaudit.probe.AuditAttempt;
import dev.healthaudit.probe.AuditResult;
import dev.healthaudit.probe.DeferredAudit;
import dev.healthaudit.ratelimit.AttemptTally;
import dev.healthaudit.result.ResultJournal;

/**
 * Attempts accounts; one that meets a transient failure it cannot wait out in place is
 * deferred, and attempted again early when it comes due (see the package documentation);
 * passes rejected input records through. A finished result goes to the journal at once,
 * and an account whose result an earlier process of the run journaled is not audited
 * again. Runs on the executor's threads.
 */
final class AuditProcessor implements ItemProcessor<AuditItem, ProcessedRecord> {

	private final AccountAuditor auditor;

	private final AccountAuditor deferredAuditor;

	private final Consumer<AuditResult> audited;

	private final ResultJournal journal;

	/**
	 * Attempts deferred accounts when they come due; null without an executor (one
	 * account at a time).
	 */
	private final @Nullable EarlyAttempts early;

	/**
	 * @param deferredAuditor attempts accounts deferred before (see {@code AuditRun})
	 * @param audited told of every account audited, once its result is journaled
	 * @param journal where finished results become durable, and where results finished
	 * before a restart are found
	 * @param executor the step's, where deferred accounts are attempted early
	 * ({@link EarlyAttempts}); null for none
	 * @param earlyLimit the most early attempts outstanding at once
	 */
	AuditProcessor(AccountAuditor auditor, AccountAuditor deferredAuditor, Consumer<AuditResult> audited,
			ResultJournal journal, @Nullable Executor executor, Clock clock, int earlyLimit) {
		this.auditor = auditor;
		this.deferredAuditor = deferredAuditor;
		this.audited = audited;
		this.journal = journal;
		this.early = (executor != null) ? new EarlyAttempts(this::attemptAgain, executor, clock, earlyLimit) : null;
	}

	@Override
	public ProcessedRecord process(AuditItem item) throws Exception {
		if (item instanceof AuditItem.Again again) {
			DeferredAudit deferred = again.deferred();
			Optional<AuditResult> recovered = this.journal.takeRecovered(deferred.account());
			if (recovered.isPresent()) {
				return new ProcessedRecord.Audited(recovered.get());
			}
			Optional<ProcessedRecord> early = (this.early != null) ? this.early.take(deferred) : Optional.empty();
			return early.isPresent() ? early.get() : attemptAgain(deferred);
		}
		if (((AuditItem.Fresh) item).record() instanceof AccountRef account) {
			return this.journal.takeRecovered(account)
				.<ProcessedRecord>map(ProcessedRecord.Audited::new)
				.orElseGet(() -> attempted(this.auditor.attempt(account, AttemptTally.NONE)));
		}
		return new ProcessedRecord.Rejected((RejectedInput) ((AuditItem.Fresh) item).record());
	}

	/** Drops the early attempts not started yet (the step ended). */
	void closeEarlyAttempts() {
		if (this.early != null) {
			this.early.close();
		}
	}

	private ProcessedRecord attemptAgain(DeferredAudit deferred) {
		return attempted(this.deferredAuditor.attempt(deferred.account(), deferred.attempts()));
	}

	private ProcessedRecord attempted(AuditAttempt attempt) {
		if (attempt instanceof DeferredAudit deferred) {
			if (this.early != null) {
				this.early.schedule(deferred);
			}
			return new ProcessedRecord.Deferred(deferred);
		}
		AuditResult result = (AuditResult) attempt;
		this.journal.record(result);
		this.audited.accept(result);
		return new ProcessedRecord.Audited(result);
	}

}
