package dev.healthaudit.report;

import java.util.List;
import java.util.Map;

import dev.healthaudit.finding.Finding;
import dev.healthaudit.result.AgeBand;
import dev.healthaudit.result.CampaignFollowup;
import dev.healthaudit.result.ResultRow;

/**
 * What {@code summary.json} and {@code report.html} say about a run against the runs
 * before it; aggregates and one bounded list, so its size does not grow with the number
 * of accounts.
 *
 * @param ages problem accounts per health and age band
 * @param oldest the problem accounts whose health is oldest, at most
 * {@link RunReports#OLDEST}
 * @param followup what became of the previous run's campaign
 * @param accessReview the access review's counts
 */
record HistorySummary(Map<Finding, Map<AgeBand, Long>> ages, List<ResultRow> oldest, CampaignFollowup followup,
		AccessReview.Summary accessReview) {

	long age(Finding health, AgeBand band) {
		return this.ages.getOrDefault(health, Map.of()).getOrDefault(band, 0L);
	}

	long age(AgeBand band) {
		return this.ages.values().stream().mapToLong((byBand) -> byBand.getOrDefault(band, 0L)).sum();
	}

}
