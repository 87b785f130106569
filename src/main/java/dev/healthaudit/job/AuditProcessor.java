package dev.healthaudit.job;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.healthaudit.account.AccountRef;
import dev.healthaudit.account.InputRecord;
import dev.healthaudit.account.RejectedInput;
import dev.healthaudit.probe.AccountAuditor;

/** Audits accounts; passes rejected input records through. Runs on the executor's threads. */
final class AuditProcessor implements ItemProcessor<InputRecord, ProcessedRecord> {

	private final AccountAuditor auditor;

	AuditProcessor(AccountAuditor auditor) {
		this.auditor = auditor;
	}

	@Override
	public ProcessedRecord process(InputRecord record) {
		if (record instanceof AccountRef account) {
			return new ProcessedRecord.Audited(this.auditor.audit(account));
		}
		return new ProcessedRecord.Rejected((RejectedInput) record);
	}

}
