package dev.healthaudit.job;

import dev.healthaudit.account.RejectedInput;
import dev.healthaudit.probe.AuditResult;

/** What the processor hands the writer: an audited account or a rejected input record. */
sealed interface ProcessedRecord {

	record Audited(AuditResult result) implements ProcessedRecord {
	}

	record Rejected(RejectedInput reject) implements ProcessedRecord {
	}

}
