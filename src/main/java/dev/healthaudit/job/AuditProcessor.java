package dev.healthaudit.job;

import java.util.function.Consumer;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.healthaudit.account.AccountRef;
import dev.healthaudit.account.RejectedInput;
import dev.healthaudit.probe.AccountAuditor;
import dev.healthaudit.probe.AuditAttempt;
import dev.healthaudit.probe.AuditResult;
import dev.healthaudit.probe.DeferredAudit;

/**
 * Attempts accounts without waiting for retries: an account that meets a transient failure is deferred (see the
 * package documentation); passes rejected input records through. Runs on the executor's threads.
 */
final class AuditProcessor implements ItemProcessor<AuditItem, ProcessedRecord> {

	private final AccountAuditor auditor;

	private final AccountAuditor deferredAuditor;

	private final Consumer<AuditResult> audited;

	/**
	 * @param deferredAuditor attempts accounts deferred before (see {@code AuditRun})
	 */
	AuditProcessor(AccountAuditor auditor, AccountAuditor deferredAuditor, Consumer<AuditResult> audited) {
		this.auditor = auditor;
		this.deferredAuditor = deferredAuditor;
		this.audited = audited;
	}

	@Override
	public ProcessedRecord process(AuditItem item) {
		if (item instanceof AuditItem.Again again) {
			return attempted(this.deferredAuditor.attempt(again.deferred().account(), again.deferred().attempts()));
		}
		if (((AuditItem.Fresh) item).record() instanceof AccountRef account) {
			return attempted(this.auditor.attempt(account, 0));
		}
		return new ProcessedRecord.Rejected((RejectedInput) ((AuditItem.Fresh) item).record());
	}

	private ProcessedRecord attempted(AuditAttempt attempt) {
		if (attempt instanceof DeferredAudit deferred) {
			return new ProcessedRecord.Deferred(deferred);
		}
		AuditResult result = (AuditResult) attempt;
		this.audited.accept(result);
		return new ProcessedRecord.Audited(result);
	}

}
