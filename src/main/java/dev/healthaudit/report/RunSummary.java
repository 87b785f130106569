package dev.healthaudit.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.healthaudit.finding.Finding;
import dev.healthaudit.result.ApiStats;
import dev.healthaudit.result.Changes;
import dev.healthaudit.result.EnvironmentIncident;
import dev.healthaudit.result.Incident;
import dev.healthaudit.result.RunRecord;
import dev.healthaudit.result.RunTotals;

/**
 * Everything {@code summary.json} and {@code report.html} say about a run, all of it
 * aggregates: its size does not grow with the number of accounts (only with connections,
 * statuses and incidents).
 *
 * @param endedAt when the reports were written, the run's end
 * @param totals this run's totals
 * @param environmentIncident the run-level incident, when most accounts could not be
 * audited for one cause
 * @param trend totals of the recent completed runs of the policy and of this one, oldest
 * first
 * @param version the application's version, "dev" outside a packaged jar
 */
record RunSummary(RunRecord run, Instant endedAt, RunTotals totals, Map<Finding, Long> health,
		Map<Finding, Long> findings, Map<String, Long> statuses, Map<String, Map<Finding, Long>> connections,
		List<Incident> incidents, Optional<EnvironmentIncident> environmentIncident, ApiStats api, Changes changes,
		List<RunTotals> trend, String version) {

	Duration duration() {
		return Duration.between(this.run.startedAt(), this.endedAt);
	}

	long count(Finding health) {
		return this.health.getOrDefault(health, 0L);
	}

}
