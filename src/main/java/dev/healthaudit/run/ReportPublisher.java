package dev.healthaudit.run;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.healthaudit.account.Shard;
import dev.healthaudit.metrics.AuditMetrics;
import dev.healthaudit.metrics.MeterValues;
import dev.healthaudit.report.AccessReviewPolicy;
import dev.healthaudit.report.ReportDirectory;
import dev.healthaudit.report.RunReports;
import dev.healthaudit.result.Stores;
import dev.healthaudit.result.RunRecord;
import dev.healthaudit.result.RunRecord.RunState;

/**
 * Writes a run's reports, unless this is one shard of several and others are still
 * auditing: then the last shard to finish writes them (the run row is locked so that
 * exactly one does).
 *
 * <p>
 * Published reports mean a completed run, so a shutdown (SIGTERM) that arrives while they
 * are written withholds them: nothing is published, the run stays unfinished and the next
 * start resumes it and only writes them (its accounts are all stored). The last check is
 * made when the files are complete in staging, just before they are moved into place.
 */
final class ReportPublisher {

	private static final Logger logger = LoggerFactory.getLogger(ReportPublisher.class);

	private final Stores stores;

	private final Clock clock;

	private final ReportDirectory reports;

	private final Shard shard;

	private final AccessReviewPolicy accessReview;

	private final AuditMetrics metrics;

	private final ShutdownSignal shutdown;

	/** The directory this process published, once it has. */
	private volatile Optional<Path> published = Optional.empty();

	ReportPublisher(Stores stores, Clock clock, ReportDirectory reports, Shard shard, AccessReviewPolicy accessReview,
			AuditMetrics metrics, ShutdownSignal shutdown) {
		this.stores = stores;
		this.clock = clock;
		this.reports = reports;
		this.shard = shard;
		this.accessReview = accessReview;
		this.metrics = metrics;
		this.shutdown = shutdown;
	}

	/**
	 * @return the report directory, or empty when another shard writes it
	 */
	Optional<Path> publish(String runId) {
		requireNoShutdown(runId);
		if (!this.shard.isWhole()) {
			this.stores.runs().markShardDone(runId, this.shard.index(), this.shard.count(), this.clock.instant());
			int done = this.stores.runs().countShardsDone(runId);
			if (done < this.shard.count() || this.stores.runs().lockRun(runId) == RunState.COMPLETED) {
				logger.info("shard {} done ({} of {} shards); the last shard to finish writes the report", this.shard,
						done, this.shard.count());
				return Optional.empty();
			}
		}
		RunRecord run = this.stores.runs().findRun(runId).orElseThrow();
		Instant endedAt = this.clock.instant();
		RunReports writer = new RunReports(this.stores).withMetrics(() -> MeterValues.ofTheRun(this.metrics.registry()))
			.withAccessReview(this.accessReview);
		Path directory = this.reports.publish(runId, (staging) -> {
			writer.write(run, endedAt, staging);
			requireNoShutdown(runId);
		});
		this.stores.runs().finishRun(runId, RunState.COMPLETED, endedAt);
		this.published = Optional.of(directory);
		return Optional.of(directory);
	}

	/**
	 * The directory this process published, if it has (also when the job was stopped
	 * after it did).
	 */
	Optional<Path> published() {
		return this.published;
	}

	private void requireNoShutdown(String runId) {
		if (this.shutdown.received()) {
			throw new ReportsWithheldException(runId);
		}
	}

}
