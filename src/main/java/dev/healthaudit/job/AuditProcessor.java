package dev.healthaudit.job;

import java.util.function.Consumer;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.healthaudit.account.AccountRef;
import dev.healthaudit.account.InputRecord;
import dev.healthaudit.account.RejectedInput;
import dev.healthaudit.probe.AccountAuditor;
import dev.healthaudit.probe.AuditAttempt;
import dev.healthaudit.probe.AuditResult;
import dev.healthaudit.probe.DeferredAudit;

/**
 * The first pass: audits accounts without waiting for retries (an account that meets a transient failure is deferred
 * to the second pass); passes rejected input records through. Runs on the executor's threads.
 */
final class AuditProcessor implements ItemProcessor<InputRecord, ProcessedRecord> {

	private final AccountAuditor auditor;

	private final Consumer<AuditResult> audited;

	AuditProcessor(AccountAuditor auditor, Consumer<AuditResult> audited) {
		this.auditor = auditor;
		this.audited = audited;
	}

	@Override
	public ProcessedRecord process(InputRecord record) {
		if (record instanceof AccountRef account) {
			AuditAttempt attempt = this.auditor.attempt(account, 0);
			if (attempt instanceof DeferredAudit deferred) {
				return new ProcessedRecord.Deferred(deferred);
			}
			AuditResult result = (AuditResult) attempt;
			this.audited.accept(result);
			return new ProcessedRecord.Audited(result);
		}
		return new ProcessedRecord.Rejected((RejectedInput) record);
	}

}
