package dev.healthaudit.job;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.healthaudit.probe.DeferredAudit;

/** The second pass's processor: the first pass's, for deferred accounts only. Runs on the executor's threads. */
final class DeferredAuditProcessor implements ItemProcessor<DeferredAudit, ProcessedRecord> {

	private final AuditProcessor processor;

	DeferredAuditProcessor(AuditProcessor processor) {
		this.processor = processor;
	}

	@Override
	public ProcessedRecord process(DeferredAudit deferred) {
		return this.processor.process(new AuditItem.Again(deferred));
	}

}
