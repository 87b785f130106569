package dev.healthaudit.result;

import java.time.Instant;
import java.util.Optional;

import dev.healthaudit.finding.Finding;

/**
 * What the runs before it say about one account's result, as {@link RunHistory} stored it
 * when the run's reports were written.
 *
 * @param healthSince when the account was first seen with its current health in an
 * unbroken series of completed runs of the policy (this result's own check when its
 * health is new or changed)
 * @param previousHealth its health in the previous completed run; empty when it was not
 * audited there
 * @param timesAsked in how many consecutive completed runs, this one included, the
 * account was in the re-authentication campaign; 0 when it is not in this one
 * @param lastRealUse the last use of the grant by anything other than this job's own
 * probes; empty when unknown
 */
public record RowHistory(Instant healthSince, Optional<Finding> previousHealth, int timesAsked,
		Optional<Instant> lastRealUse) {

	/**
	 * The history of a result that has none stored (its run's reports were not written
	 * yet): it starts here.
	 */
	public static RowHistory startingAt(Instant checkedAt, boolean inCampaign) {
		return new RowHistory(checkedAt, Optional.empty(), inCampaign ? 1 : 0, Optional.empty());
	}

}
