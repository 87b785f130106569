package dev.healthaudit.job;

import java.util.function.Consumer;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.healthaudit.probe.AccountAuditor;
import dev.healthaudit.probe.AuditAttempt;
import dev.healthaudit.probe.AuditResult;
import dev.healthaudit.probe.DeferredAudit;

/**
 * Attempts a deferred account again from the start, as the first pass did: a transient failure defers it once more
 * (until its attempts are spent), so no thread waits for a {@code Retry-After}. Runs on the executor's threads.
 */
final class DeferredAuditProcessor implements ItemProcessor<DeferredAudit, ProcessedRecord> {

	private final AccountAuditor auditor;

	private final Consumer<AuditResult> audited;

	DeferredAuditProcessor(AccountAuditor auditor, Consumer<AuditResult> audited) {
		this.auditor = auditor;
		this.audited = audited;
	}

	@Override
	public ProcessedRecord process(DeferredAudit deferred) {
		AuditAttempt attempt = this.auditor.attempt(deferred.account(), deferred.attempts());
		if (attempt instanceof DeferredAudit again) {
			return new ProcessedRecord.Deferred(again);
		}
		AuditResult result = (AuditResult) attempt;
		this.audited.accept(result);
		return new ProcessedRecord.Audited(result);
	}

}
