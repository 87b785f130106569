package dev.healthaudit.job;

import java.util.function.Consumer;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.healthaudit.account.AccountRef;
import dev.healthaudit.account.RejectedInput;
import dev.healthaudit.probe.AccountAuditor;
import dev.healthaudit.probe.AuditAttempt;
import dev.healthaudit.probe.AuditResult;
import dev.healthaudit.probe.DeferredAudit;
import dev.healthaudit.result.ResultJournal;

/**
 * Attempts accounts without waiting for retries: an account that meets a transient failure is deferred (see the
 * package documentation); passes rejected input records through. A finished result goes to the journal at once, and
 * an account whose result an earlier process of the run journaled is not audited again. Runs on the executor's
 * threads.
 */
final class AuditProcessor implements ItemProcessor<AuditItem, ProcessedRecord> {

	private final AccountAuditor auditor;

	private final AccountAuditor deferredAuditor;

	private final Consumer<AuditResult> audited;

	private final ResultJournal journal;

	/**
	 * @param deferredAuditor attempts accounts deferred before (see {@code AuditRun})
	 * @param audited told of every account audited, once its result is journaled
	 * @param journal where finished results become durable, and where results finished before a restart are found
	 */
	AuditProcessor(AccountAuditor auditor, AccountAuditor deferredAuditor, Consumer<AuditResult> audited,
			ResultJournal journal) {
		this.auditor = auditor;
		this.deferredAuditor = deferredAuditor;
		this.audited = audited;
		this.journal = journal;
	}

	@Override
	public ProcessedRecord process(AuditItem item) {
		if (item instanceof AuditItem.Again again) {
			AccountRef account = again.deferred().account();
			return this.journal.takeRecovered(account)
				.<ProcessedRecord>map(ProcessedRecord.Audited::new)
				.orElseGet(() -> attempted(this.deferredAuditor.attempt(account, again.deferred().attempts())));
		}
		if (((AuditItem.Fresh) item).record() instanceof AccountRef account) {
			return this.journal.takeRecovered(account)
				.<ProcessedRecord>map(ProcessedRecord.Audited::new)
				.orElseGet(() -> attempted(this.auditor.attempt(account, 0)));
		}
		return new ProcessedRecord.Rejected((RejectedInput) ((AuditItem.Fresh) item).record());
	}

	private ProcessedRecord attempted(AuditAttempt attempt) {
		if (attempt instanceof DeferredAudit deferred) {
			return new ProcessedRecord.Deferred(deferred);
		}
		AuditResult result = (AuditResult) attempt;
		this.journal.record(result);
		this.audited.accept(result);
		return new ProcessedRecord.Audited(result);
	}

}
