package dev.healthaudit.result;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.healthaudit.finding.Finding;

/**
 * The counts of a run.
 *
 * @param findings accounts carrying each finding (an account with several findings counts
 * once for each)
 * @param statuses accounts per raw Scalekit status; accounts whose status was never read
 * under an empty status
 * @param connections accounts per connection (by name) and health (most severe first)
 * @param incidents connection-level incidents, most affected accounts first
 * @param environmentIncident the run-level incident, when most accounts could not be
 * audited for one cause of the environment
 */
public record RunCounts(Map<Finding, Long> findings, Map<String, Long> statuses,
		Map<String, Map<Finding, Long>> connections, List<Incident> incidents,
		Optional<EnvironmentIncident> environmentIncident) {
}
