package dev.healthaudit.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import dev.healthaudit.finding.Finding;
import dev.healthaudit.result.RunAggregates;
import dev.healthaudit.result.RunCounts;
import dev.healthaudit.result.ResultStore;
import dev.healthaudit.result.RunRecord;
import dev.healthaudit.result.RunTotals;

/**
 * Writes all outputs of a run into a directory: the CSV files (one streaming pass), then {@code summary.json} and
 * {@code report.html} from database aggregates and one bounded top-N query.
 */
public final class RunReports {

	/** Accounts listed in {@code report.html}; the CSV files have all of them. */
	public static final int DEFAULT_TOP = 50;

	/** Runs shown in the trend, this one included. */
	static final int TREND_RUNS = 10;

	private final ResultStore store;

	private final String version;

	private final int top;

	private final HtmlReport html = new HtmlReport();

	private final Supplier<Map<String, Double>> metrics;

	public RunReports(ResultStore store, String version, int top) {
		this(store, version, top, null);
	}

	private RunReports(ResultStore store, String version, int top, Supplier<Map<String, Double>> metrics) {
		this.store = store;
		this.version = version;
		this.top = top;
		this.metrics = metrics;
	}

	public RunReports(ResultStore store) {
		this(store, version(), DEFAULT_TOP);
	}

	/**
	 * These reports with the run's meter values (flat name and tags -> value) under {@code metrics} in
	 * {@code summary.json}, read when the summary is written.
	 */
	public RunReports withMetrics(Supplier<Map<String, Double>> metrics) {
		return new RunReports(this.store, this.version, this.top, metrics);
	}

	/** The version from the jar manifest, "dev" when not run from a packaged jar. */
	public static String version() {
		return Optional.ofNullable(RunReports.class.getPackage().getImplementationVersion()).orElse("dev");
	}

	/**
	 * Writes every output of {@code run} into {@code directory} and keeps the run's totals for later trends.
	 * @param endedAt the run's end, as the reports state it
	 */
	public void write(RunRecord run, Instant endedAt, Path directory) {
		new CsvReports(this.store).write(run.runId(), run.extraColumns(), directory);
		RunSummary summary = summarize(run, endedAt);
		SummaryJson.write(summary, (this.metrics != null) ? this.metrics.get() : null,
				directory.resolve("summary.json"));
		RunAggregates aggregates = this.store.aggregates();
		this.html.write(summary, aggregates.mostSevere(run.runId(), this.top), summary.totals().problems(),
				directory.resolve("report.html"));
	}

	RunSummary summarize(RunRecord run, Instant endedAt) {
		RunAggregates aggregates = this.store.aggregates();
		String runId = run.runId();
		Map<Finding, Long> health = aggregates.health(runId);
		RunTotals totals = aggregates.recordTotals(run, health, this.store.countRejects(runId));
		Optional<String> previous = this.store.previousCompleted(run).map(RunRecord::runId);
		List<RunTotals> trend = aggregates.trend(run.policyName(), runId, TREND_RUNS);
		RunCounts counts = aggregates.counts(runId);
		return new RunSummary(run, endedAt, totals, health, counts.findings(), counts.statuses(),
				counts.connections(), counts.incidents(), counts.environmentIncident(), aggregates.api(runId), aggregates.changes(runId, previous),
				trend, this.version);
	}

}
