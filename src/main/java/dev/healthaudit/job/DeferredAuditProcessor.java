package dev.healthaudit.job;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.healthaudit.probe.AccountAuditor;
import dev.healthaudit.probe.AuditResult;
import dev.healthaudit.probe.DeferredAudit;
import dev.healthaudit.ratelimit.Sleeper;

/**
 * The second pass: audits a deferred account again from the start, once its wait is over, with the policy's full
 * retries (waiting inline now: whatever fails here is what the account's row reports). Runs on the executor's threads.
 */
final class DeferredAuditProcessor implements ItemProcessor<DeferredAudit, ProcessedRecord> {

	private final AccountAuditor auditor;

	private final Consumer<AuditResult> audited;

	private final Clock clock;

	private final Sleeper sleeper;

	DeferredAuditProcessor(AccountAuditor auditor, Consumer<AuditResult> audited, Clock clock, Sleeper sleeper) {
		this.auditor = auditor;
		this.audited = audited;
		this.clock = clock;
		this.sleeper = sleeper;
	}

	@Override
	public ProcessedRecord process(DeferredAudit deferred) throws InterruptedException {
		Duration wait = Duration.between(this.clock.instant(), deferred.notBefore());
		if (!wait.isNegative() && !wait.isZero()) {
			this.sleeper.sleep(wait);
		}
		AuditResult result = this.auditor.audit(deferred.account());
		this.audited.accept(result);
		return new ProcessedRecord.Audited(result);
	}

}
