package dev.healthaudit.run;

import java.util.Map;
import java.util.Optional;

import dev.healthaudit.finding.Finding;
import dev.healthaudit.result.EnvironmentIncident;
import dev.healthaudit.result.Stores;

/**
 * What the closing lines of a completed run say, read from the store.
 *
 * @param health accounts by finding
 * @param rejects input rows rejected
 * @param incident the run-level incident, when most accounts could not be audited for one
 * cause of the environment
 */
public record RunFigures(Map<Finding, Long> health, long rejects, Optional<EnvironmentIncident> incident) {

	static RunFigures read(Stores stores, String runId) {
		return new RunFigures(stores.results().aggregates().health(runId), stores.results().countRejects(runId),
				stores.results().aggregates().environmentIncident(runId));
	}

	public long accounts() {
		return this.health.values().stream().mapToLong(Long::longValue).sum();
	}

	/** Accounts whose finding is at least as severe as {@code threshold}. */
	public long atOrAbove(Finding threshold) {
		return this.health.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().atLeastAsSevereAs(threshold))
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

}
