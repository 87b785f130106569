package dev.healthaudit.result;

import java.util.Map;
import java.util.Optional;

import dev.healthaudit.finding.Finding;

/**
 * What became of the accounts in the previous completed run's re-authentication campaign,
 * in total, by the reason they were asked for (their health then) and by connection.
 *
 * @param previousRunId the run whose campaign is followed up; empty when there is none
 * (then every count is 0)
 */
public record CampaignFollowup(Optional<String> previousRunId, Counts total, Map<Finding, Counts> byReason,
		Map<String, Counts> byConnection) {

	public CampaignFollowup {
		byReason = Map.copyOf(byReason);
		byConnection = Map.copyOf(byConnection);
	}

	/** What an asked account is now. */
	public enum Outcome {

		/** HEALTHY or REFRESHED. */
		CAME_BACK,
		/** Still needs its user (in this run's campaign too). */
		STILL_NEEDED,
		/** Not in this run. */
		NOT_AUDITED,
		/**
		 * Another problem, one its user cannot fix (admin action, misconfigured
		 * connection, inconclusive, ...).
		 */
		OTHER;

		static Outcome of(Optional<Finding> now) {
			if (now.isEmpty()) {
				return NOT_AUDITED;
			}
			if (!now.get().isProblem()) {
				return CAME_BACK;
			}
			return now.get().userMustAct() ? STILL_NEEDED : OTHER;
		}

	}

	/**
	 * @param asked accounts in the previous campaign
	 */
	public record Counts(long asked, long cameBack, long stillNeeded, long notAudited, long other) {

		public static final Counts NONE = new Counts(0, 0, 0, 0, 0);

		Counts plus(Outcome outcome, long accounts) {
			return new Counts(this.asked + accounts, this.cameBack + ((outcome == Outcome.CAME_BACK) ? accounts : 0),
					this.stillNeeded + ((outcome == Outcome.STILL_NEEDED) ? accounts : 0),
					this.notAudited + ((outcome == Outcome.NOT_AUDITED) ? accounts : 0),
					this.other + ((outcome == Outcome.OTHER) ? accounts : 0));
		}

	}

}
