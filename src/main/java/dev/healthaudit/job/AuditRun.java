package dev.healthaudit.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.healthaudit.account.AccountSource;
import dev.healthaudit.probe.AccountAuditor;
import dev.healthaudit.probe.AuditResult;
import dev.healthaudit.ratelimit.InlineWaits;
import dev.healthaudit.result.ApiStats;

/**
 * Everything one run needs, handed to {@link AuditJob}.
 *
 * @param shard which slice of the run this process audits ({@code i/n}; {@code 0/1} for
 * all); one job instance each
 * @param source opens the account source (again after a restart)
 * @param auditor audits accounts in the first pass
 * @param deferredAuditor audits the accounts that the first pass deferred (its calls may
 * be weighed differently by the rate budgets)
 * @param inlineWaits the auditors' waits in place: told what covers them in each pass
 * @param concurrency how many accounts are audited at once
 * @param chunkSize accounts per chunk, or 0 for {@link AuditJob#chunkSize(int)}
 * @param progressInterval how often progress is logged
 * @param publishReports writes the run's outputs once every account is stored and returns
 * their directory, or empty when another shard of the run will write them
 * @param apiStats this process's API usage so far (cumulative); each chunk stores what
 * was added since the last
 * @param progress the total, retries and rate-limit waits that progress lines show
 * @param audited told of every account audited, on the worker thread that audited it
 * (metrics)
 * @param mayAudit asked on the job's thread once the job has started, right before its
 * first step: false stops the job there, before any account is read, and the run stays as
 * it was, for the next start to resume (the run's credentials are verified here, so that
 * the token request is followed by the first account at once rather than by the job's
 * start-up)
 */
public record AuditRun(String runId, String policyName, String shard, Supplier<AccountSource> source,
		AccountAuditor auditor, AccountAuditor deferredAuditor, InlineWaits inlineWaits, int concurrency, int chunkSize,
		Duration progressInterval, Supplier<Optional<Path>> publishReports, Supplier<ApiStats> apiStats,
		ProgressInputs progress, Consumer<AuditResult> audited, BooleanSupplier mayAudit) {

	int effectiveChunkSize() {
		return (this.chunkSize > 0) ? this.chunkSize : AuditJob.chunkSize(this.concurrency);
	}

}
