package dev.healthaudit.result;

import java.time.Instant;

/**
 * The totals of one run, kept when its reports are written so that trends never rescan
 * old results.
 *
 * @param healthy HEALTHY and REFRESHED accounts
 * @param problems accounts that are neither
 * @param userMustAct accounts whose user must act (the campaign)
 */
public record RunTotals(String runId, Instant startedAt, long accounts, long healthy, long problems, long userMustAct,
		long rejected) {

	/** Healthy share in percent, 0 for an empty run. */
	public double healthyPercent() {
		return (this.accounts == 0) ? 0 : 100.0 * this.healthy / this.accounts;
	}

}
