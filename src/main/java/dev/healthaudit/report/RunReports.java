package dev.healthaudit.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.healthaudit.finding.Finding;
import dev.healthaudit.result.RunAggregates;
import dev.healthaudit.result.RunHistory;
import dev.healthaudit.result.RunCounts;
import dev.healthaudit.result.RunRecord;
import dev.healthaudit.result.RunTotals;
import dev.healthaudit.result.Stores;

/**
 * Writes all outputs of a run into a directory: first the history of its results (one
 * bulk update by the database), then the CSV files (one streaming pass, which also
 * tallies problem ages and the access review), then {@code summary.json} and
 * {@code report.html} from database aggregates and bounded queries.
 */
public final class RunReports {

	/** Accounts listed in {@code report.html}; the CSV files have all of them. */
	public static final int DEFAULT_TOP = 50;

	/** Runs shown in the trend, this one included. */
	static final int TREND_RUNS = 10;

	/**
	 * Oldest open problems listed in {@code report.html}, at most as many as the most
	 * severe accounts.
	 */
	static final int OLDEST = 10;

	private final Stores stores;

	private final String version;

	private final int top;

	private final HtmlReport html = new HtmlReport();

	private final @Nullable Supplier<Map<String, Double>> metrics;

	private final AccessReviewPolicy review;

	public RunReports(Stores stores, String version, int top) {
		this(stores, version, top, null, AccessReviewPolicy.unknown());
	}

	private RunReports(Stores stores, String version, int top, @Nullable Supplier<Map<String, Double>> metrics,
			AccessReviewPolicy review) {
		this.stores = stores;
		this.version = version;
		this.top = top;
		this.metrics = metrics;
		this.review = review;
	}

	public RunReports(Stores stores) {
		this(stores, version(), DEFAULT_TOP);
	}

	/**
	 * These reports with the run's meter values (flat name and tags -> value) under
	 * {@code metrics} in {@code summary.json}, read when the summary is written.
	 */
	public RunReports withMetrics(Supplier<Map<String, Double>> metrics) {
		return new RunReports(this.stores, this.version, this.top, metrics, this.review);
	}

	/**
	 * These reports with the access review of the run's policy (required scopes, when a
	 * grant counts as unused).
	 */
	public RunReports withAccessReview(AccessReviewPolicy review) {
		return new RunReports(this.stores, this.version, this.top, this.metrics, review);
	}

	/** The version from the jar manifest, "dev" when not run from a packaged jar. */
	public static String version() {
		return Optional.ofNullable(RunReports.class.getPackage().getImplementationVersion()).orElse("dev");
	}

	/**
	 * Writes every output of {@code run} into {@code directory} and keeps the run's
	 * totals for later trends.
	 * @param endedAt the run's end, as the reports state it
	 */
	public void write(RunRecord run, Instant endedAt, Path directory) {
		Optional<String> previous = recordHistory(run);
		HistoryTally tally = new HistoryTally(this.review);
		new CsvReports(this.stores.results(), this.review).write(run.runId(), run.extraColumns(), directory, tally);
		RunSummary summary = summarize(run, endedAt);
		HistorySummary history = history(run.runId(), previous, tally);
		SummaryJson.write(summary, history, (this.metrics != null) ? this.metrics.get() : null,
				directory.resolve("summary.json"));
		RunAggregates aggregates = this.stores.results().aggregates();
		this.html.write(summary, history, aggregates.mostSevere(run.runId(), this.top), summary.totals().problems(),
				directory.resolve("report.html"));
	}

	/**
	 * Stores the history of the run's results against the previous completed run of its
	 * policy (in bulk, by the database), as the first step of writing its reports.
	 * @return the previous completed run, if any
	 */
	Optional<String> recordHistory(RunRecord run) {
		Optional<String> previous = this.stores.runs().previousCompleted(run).map(RunRecord::runId);
		this.stores.results().history().record(run.runId(), previous);
		return previous;
	}

	/**
	 * The run against the runs before it: the counts {@code tally} took while the CSV
	 * files were written, and two bounded queries (the oldest problems, the follow-up of
	 * the previous campaign).
	 */
	HistorySummary history(String runId, Optional<String> previous, HistoryTally tally) {
		RunHistory history = this.stores.results().history();
		return new HistorySummary(tally.ages(), history.oldestProblems(runId, Math.min(OLDEST, this.top)),
				history.followup(runId, previous), tally.accessReview());
	}

	/** Counts taken from every result as the CSV files are written. */
	HistoryTally tally() {
		return new HistoryTally(this.review);
	}

	RunSummary summarize(RunRecord run, Instant endedAt) {
		RunAggregates aggregates = this.stores.results().aggregates();
		String runId = run.runId();
		Map<Finding, Long> health = aggregates.health(runId);
		RunTotals totals = aggregates.recordTotals(run, health, this.stores.results().countRejects(runId));
		Optional<String> previous = this.stores.runs().previousCompleted(run).map(RunRecord::runId);
		List<RunTotals> trend = aggregates.trend(run.policyName(), runId, TREND_RUNS);
		RunCounts counts = aggregates.counts(runId);
		return new RunSummary(run, endedAt, totals, health, counts.findings(), counts.statuses(), counts.connections(),
				counts.incidents(), counts.environmentIncident(), aggregates.api(runId),
				aggregates.changes(runId, previous), trend, this.version);
	}

}
