package dev.healthaudit.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.healthaudit.finding.Finding;
import dev.healthaudit.result.AgeBand;
import dev.healthaudit.result.CampaignFollowup;
import dev.healthaudit.result.ResultRow;

/**
 * The history sections of {@code report.html} (problem age, campaign follow-up, access
 * review) as template values: numbers formatted, nothing left for the template to
 * compute.
 */
final class HistoryHtml {

	private HistoryHtml() {
	}

	static void put(Map<String, Object> model, HistorySummary history) {
		model.put("ageBands", ageBands(history));
		model.put("ageLines", ageLines(history));
		model.put("oldestProblems", history.oldest().stream().map(HistoryHtml::oldLine).toList());
		CampaignFollowup followup = history.followup();
		model.put("followup", followup);
		model.put("followupTotal", followupLine("all", followup.total()));
		model.put("followupByReason",
				followup.byReason()
					.entrySet()
					.stream()
					.sorted(Map.Entry.comparingByKey())
					.map((entry) -> followupLine(entry.getKey().name(), entry.getValue()))
					.toList());
		model.put("followupByConnection",
				followup.byConnection()
					.entrySet()
					.stream()
					.sorted(Map.Entry.comparingByKey())
					.map((entry) -> followupLine(entry.getKey(), entry.getValue()))
					.toList());
		AccessReview.Summary review = history.accessReview();
		model.put("unusedAfter", days(review.unusedAfter()));
		model.put("reviewTotal", reviewLine("all", review.total()));
		model.put("reviewByConnection",
				review.byConnection()
					.entrySet()
					.stream()
					.map((entry) -> reviewLine(entry.getKey(), entry.getValue()))
					.toList());
	}

	private static List<HtmlReport.Figure> ageBands(HistorySummary history) {
		List<HtmlReport.Figure> bands = new ArrayList<>();
		for (AgeBand band : AgeBand.values()) {
			bands.add(new HtmlReport.Figure(band.label(), HtmlReport.number(history.age(band))));
		}
		return bands;
	}

	private static List<AgeLine> ageLines(HistorySummary history) {
		List<AgeLine> lines = new ArrayList<>();
		for (Finding health : Finding.values()) {
			if (health.isProblem() && history.ages().containsKey(health)) {
				List<String> counts = new ArrayList<>();
				for (AgeBand band : AgeBand.values()) {
					counts.add(HtmlReport.number(history.age(health, band)));
				}
				lines.add(new AgeLine(health.name(), HtmlReport.COLOURS.get(health), counts));
			}
		}
		return lines;
	}

	private static OldLine oldLine(ResultRow row) {
		long days = Duration.between(row.history().healthSince(), row.checkedAt()).toDays();
		return new OldLine(row.identifier(), row.connectionName(), row.health().name(),
				HtmlReport.COLOURS.get(row.health()), HtmlReport.timestamp(row.history().healthSince()),
				HtmlReport.number(Math.max(0, days)));
	}

	private static FollowupLine followupLine(String label, CampaignFollowup.Counts counts) {
		return new FollowupLine(label, HtmlReport.number(counts.asked()), HtmlReport.number(counts.cameBack()),
				HtmlReport.number(counts.stillNeeded()), HtmlReport.number(counts.notAudited()),
				HtmlReport.number(counts.other()));
	}

	private static ReviewLine reviewLine(String label, AccessReview.Counts counts) {
		return new ReviewLine(label, HtmlReport.number(counts.accounts()), HtmlReport.number(counts.unused()),
				HtmlReport.number(counts.noKnownUse()), HtmlReport.number(counts.excessScopes()));
	}

	/** "90 days", or the duration as written when it is not whole days. */
	static String days(Duration duration) {
		if (duration.toSeconds() % 86_400 == 0) {
			long days = duration.toDays();
			return days + ((days == 1) ? " day" : " days");
		}
		return HtmlReport.duration(duration);
	}

	record AgeLine(String health, String colour, List<String> counts) {
	}

	record OldLine(String identifier, String connection, String health, String colour, String since, String days) {
	}

	record FollowupLine(String label, String asked, String cameBack, String stillNeeded, String notAudited,
			String other) {
	}

	record ReviewLine(String label, String accounts, String unused, String noKnownUse, String excessScopes) {
	}

}
