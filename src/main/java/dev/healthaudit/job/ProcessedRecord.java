package dev.healthaudit.job;

import dev.healthaudit.account.RejectedInput;
import dev.healthaudit.probe.AuditResult;
import dev.healthaudit.probe.DeferredAudit;

/**
 * What the processor hands the writer: an audited account, one deferred to the second
 * pass, or a rejected input record.
 */
sealed interface ProcessedRecord {

	record Audited(AuditResult result) implements ProcessedRecord {
	}

	record Rejected(RejectedInput reject) implements ProcessedRecord {
	}

	record Deferred(DeferredAudit deferral) implements ProcessedRecord {
	}

}
