package dev.healthaudit.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

import tools.jackson.databind.node.ObjectNode;

import dev.healthaudit.finding.Finding;
import dev.healthaudit.result.AgeBand;
import dev.healthaudit.result.CampaignFollowup;

/**
 * The history keys of {@code summary.json}: {@code ages}, {@code campaign_followup} and
 * {@code access_review}.
 */
final class HistoryJson {

	private static final long DAY = 86_400;

	private HistoryJson() {
	}

	static void put(ObjectNode root, HistorySummary history) {
		ObjectNode ages = root.putObject("ages");
		for (Finding health : Finding.values()) {
			if (health.isProblem()) {
				ObjectNode bands = ages.putObject(health.name());
				for (AgeBand band : AgeBand.values()) {
					bands.put(band.key(), history.age(health, band));
				}
			}
		}
		CampaignFollowup followup = history.followup();
		ObjectNode campaign = root.putObject("campaign_followup");
		campaign.put("previous_run", followup.previousRunId().orElse(null));
		counts(campaign, followup.total());
		ObjectNode byReason = campaign.putObject("by_reason");
		followup.byReason()
			.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((entry) -> counts(byReason.putObject(entry.getKey().name()), entry.getValue()));
		ObjectNode byConnection = campaign.putObject("by_connection");
		followup.byConnection()
			.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((entry) -> counts(byConnection.putObject(entry.getKey()), entry.getValue()));
		AccessReview.Summary review = history.accessReview();
		ObjectNode access = root.putObject("access_review");
		long seconds = review.unusedAfter().toSeconds();
		if (seconds % DAY == 0) {
			access.put("unused_after_days", seconds / DAY);
		}
		else {
			access.put("unused_after_days",
					BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(DAY), 3, RoundingMode.HALF_UP));
		}
		counts(access, review.total());
		ObjectNode reviewByConnection = access.putObject("by_connection");
		review.byConnection().forEach((connection, counts) -> counts(reviewByConnection.putObject(connection), counts));
	}

	private static void counts(ObjectNode node, CampaignFollowup.Counts counts) {
		node.put("asked", counts.asked());
		node.put("came_back", counts.cameBack());
		node.put("still_needed", counts.stillNeeded());
		node.put("not_audited", counts.notAudited());
		node.put("other", counts.other());
	}

	private static void counts(ObjectNode node, AccessReview.Counts counts) {
		node.put("accounts", counts.accounts());
		node.put("unused", counts.unused());
		node.put("no_known_use", counts.noKnownUse());
		node.put("excess_scopes", counts.excessScopes());
	}

}
