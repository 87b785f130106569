package dev.healthaudit.job;

import dev.healthaudit.account.InputRecord;
import dev.healthaudit.probe.DeferredAudit;

/**
 * What the first pass reads: an input record, or a deferred account that is due for
 * another attempt.
 */
sealed interface AuditItem {

	record Fresh(InputRecord record) implements AuditItem {
	}

	record Again(DeferredAudit deferred) implements AuditItem {
	}

}
