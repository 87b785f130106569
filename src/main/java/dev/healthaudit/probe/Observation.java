package dev.healthaudit.probe;

import java.util.List;

/**
 * Everything the procedure saw for one account, the input of {@link HealthClassifier}.
 *
 * @param lookup how reading the account ended
 * @param lookupEvidence why the read failed (when it did; also the second read of the
 * refresh procedure)
 * @param status the status read first
 * @param missingScopes required scopes the grant lacks (after the refresh procedure, if
 * it ran)
 * @param probe the first probe
 * @param refresh whether the refresh procedure ran and how it ended
 * @param refreshProbe the probe run by the refresh procedure
 * @param statusAfterRefresh the status read after the refresh procedure
 */
public record Observation(Lookup lookup, Evidence lookupEvidence, AccountStatus status, List<String> missingScopes,
		ProbeReport probe, Refresh refresh, ProbeReport refreshProbe, AccountStatus statusAfterRefresh) {

	public Observation {
		missingScopes = List.copyOf(missingScopes);
	}

	public static Observation notFound(Evidence evidence) {
		return new Observation(Lookup.NOT_FOUND, evidence, AccountStatus.UNKNOWN, List.of(), ProbeReport.NOT_RUN,
				Refresh.NOT_TRIED, ProbeReport.NOT_RUN, AccountStatus.UNKNOWN);
	}

	public static Observation unreadable(Evidence evidence) {
		return new Observation(Lookup.FAILED, evidence, AccountStatus.UNKNOWN, List.of(), ProbeReport.NOT_RUN,
				Refresh.NOT_TRIED, ProbeReport.NOT_RUN, AccountStatus.UNKNOWN);
	}

	public static Observation read(AccountStatus status, List<String> missingScopes) {
		return new Observation(Lookup.FOUND, Evidence.NONE, status, missingScopes, ProbeReport.NOT_RUN,
				Refresh.NOT_TRIED, ProbeReport.NOT_RUN, status);
	}

	public Observation probed(ProbeReport report) {
		return new Observation(this.lookup, this.lookupEvidence, this.status, this.missingScopes, report, this.refresh,
				this.refreshProbe, this.statusAfterRefresh);
	}

	public Observation refreshed(ProbeReport report, AccountStatus after, List<String> missingAfter) {
		Refresh outcome = (report.succeeded() && after == AccountStatus.ACTIVE) ? Refresh.RECOVERED : Refresh.FAILED;
		if (!report.decided()) {
			outcome = Refresh.UNDECIDED;
		}
		return new Observation(this.lookup, this.lookupEvidence, this.status, missingAfter, this.probe, outcome, report,
				after);
	}

	/**
	 * The refresh probe ran but the account could not be read again. When the probe
	 * succeeded, only the second read could tell whether the account recovered:
	 * undecided, with the read's failure as evidence.
	 */
	public Observation refreshedUnread(ProbeReport report, Evidence rereadFailure) {
		Refresh outcome = (report.succeeded() || !report.decided()) ? Refresh.UNDECIDED : Refresh.FAILED;
		return new Observation(this.lookup, rereadFailure, this.status, this.missingScopes, this.probe, outcome, report,
				this.status);
	}

	/** How reading the account ended. */
	public enum Lookup {

		FOUND, NOT_FOUND, FAILED

	}

	/** Whether the refresh procedure ran and whether the account recovered. */
	public enum Refresh {

		NOT_TRIED, RECOVERED, FAILED,
		/**
		 * A transient failure (timeout, 5xx, rate limit, broken answer) hid the refresh's
		 * outcome: the account may well have recovered, so it must not be reported as
		 * expired or unauthorized.
		 */
		UNDECIDED

	}

}
