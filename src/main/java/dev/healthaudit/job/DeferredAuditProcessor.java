package dev.healthaudit.job;

import java.time.Clock;
import java.time.Duration;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.healthaudit.probe.DeferredAudit;
import dev.healthaudit.ratelimit.Sleeper;

/**
 * The second pass's processor: the first pass's, for deferred accounts only, each
 * attempted no earlier than it is due (a round takes accounts that come due within a
 * second: {@link DeferredAuditReader}). Runs on the executor's threads.
 */
final class DeferredAuditProcessor implements ItemProcessor<DeferredAudit, ProcessedRecord> {

	private final AuditProcessor processor;

	private final Clock clock;

	private final Sleeper sleeper;

	DeferredAuditProcessor(AuditProcessor processor, Clock clock, Sleeper sleeper) {
		this.processor = processor;
		this.clock = clock;
		this.sleeper = sleeper;
	}

	@Override
	public ProcessedRecord process(DeferredAudit deferred) throws Exception {
		Duration early = Duration.between(this.clock.instant(), deferred.notBefore());
		if (!early.isNegative() && !early.isZero()) {
			this.sleeper
				.sleep(early.compareTo(DeferredAuditReader.LOOK_AHEAD) < 0 ? early : DeferredAuditReader.LOOK_AHEAD);
		}
		return this.processor.process(new AuditItem.Again(deferred));
	}

}
