package dev.healthaudit.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history in the outputs of the fixture's second run (issue 14): the values behind
 * the golden files, asserted one by one.
 */
class HistoryReportTests {

	@TempDir
	static Path output;

	@BeforeAll
	static void writeReports() {
		ReportFixture fixture = new ReportFixture().load();
		new RunReports(fixture.stores, "test", RunReports.DEFAULT_TOP).withAccessReview(ReportFixture.ACCESS_REVIEW)
			.write(fixture.current, ReportFixture.END, output);
	}

	@Test
	void historyColumnsComeAfterCheckedAtAndBeforeTheInputColumns() throws IOException {
		for (String file : List.of("accounts.csv", "findings.csv", "expired.csv", "disconnected.csv",
				"under-scoped.csv")) {
			assertThat(Files.readAllLines(output.resolve(file)).get(0)).as(file)
				.endsWith(",checked_at,health_since,previous_health,email,org_id");
		}
		assertThat(Files.readAllLines(output.resolve("reauth-campaign.csv")).get(0))
			.endsWith(",link_expires_at,times_asked,email,org_id");
		assertThat(Files.readAllLines(output.resolve("access-review.csv")).get(0))
			.isEqualTo("connection_name,identifier,account_id,status,granted_scopes,excess_scopes,last_used_at,"
					+ "unused_days,email,org_id");
	}

	@Test
	void anUnchangedHealthIsDatedFromItsFirstRunAndAChangedOneFromThisOne() throws IOException {
		CSVRecord ann = row("accounts.csv", "ann@example.com");
		assertThat(ann.get("health_since")).isEqualTo("2026-03-01T02:00:05Z");
		assertThat(ann.get("previous_health")).isEqualTo("EXPIRED");
		CSVRecord back = row("accounts.csv", "U0001");
		assertThat(back.get("health_since")).isEqualTo(back.get("checked_at"));
		assertThat(back.get("previous_health")).isEqualTo("DISCONNECTED");
		CSVRecord fresh = row("accounts.csv", "U0003");
		assertThat(fresh.get("health_since")).isEqualTo(fresh.get("checked_at"));
		assertThat(fresh.get("previous_health")).as("not audited in the previous run").isEmpty();
	}

	@Test
	void timesAskedCountsTheRunsInARowAnAccountWasInTheCampaign() throws IOException {
		assertThat(row("reauth-campaign.csv", "ann@example.com").get("times_asked")).isEqualTo("2");
		assertThat(row("reauth-campaign.csv", "U0003").get("times_asked")).isEqualTo("1");
	}

	@Test
	void theAccessReviewShowsTheLastRealUseNotOurProbe() throws IOException {
		CSVRecord dormant = row("access-review.csv", "octo-3");
		// Scalekit showed the previous run's probe; the last real use is the one from
		// before it
		assertThat(dormant.get("last_used_at")).isEqualTo("2025-11-21T02:00:00Z");
		assertThat(dormant.get("unused_days")).isEqualTo("101");
		assertThat(dormant.get("excess_scopes")).isEmpty();
		CSVRecord used = row("access-review.csv", "U0001");
		assertThat(used.get("last_used_at")).isEqualTo("2026-03-01T23:00:00Z");
		assertThat(used.get("unused_days")).isEqualTo("0");
		assertThat(used.get("excess_scopes")).isEqualTo("users:read");
		assertThat(row("access-review.csv", "bob@example.com").get("excess_scopes"))
			.isEqualTo("https://mail.google.com/");
		assertThat(row("access-review.csv", "carol@example.com").get("excess_scopes"))
			.as("Mail.ReadWrite is the only grant that covers Mail.Read")
			.isEmpty();
		assertThat(RunReportsGoldenTests.read(output.resolve("access-review.csv"))
			.stream()
			.map((record) -> record.get("identifier"))).as("every account whose status was read, and only those")
			.doesNotContain("ghost@example.com")
			.hasSize(11);
	}

	@Test
	void summaryCountsAgesFollowUpAndAccessReview() {
		JsonNode json = JsonMapper.builder().build().readTree(output.resolve("summary.json").toFile());
		assertThat(json.get("ages").get("EXPIRED").get("1_to_7_days").asLong()).isEqualTo(1);
		assertThat(json.get("ages").get("CONNECTION_MISCONFIGURED").get("1_to_7_days").asLong()).isEqualTo(1);
		assertThat(json.get("ages").get("CONNECTION_MISCONFIGURED").get("under_1_day").asLong()).isEqualTo(1);
		JsonNode followup = json.get("campaign_followup");
		assertThat(followup.get("previous_run").asString()).isEqualTo("nightly-20260301T020000Z");
		assertThat(followup.get("asked").asLong()).isEqualTo(2);
		assertThat(followup.get("came_back").asLong()).isEqualTo(1);
		assertThat(followup.get("still_needed").asLong()).isEqualTo(1);
		assertThat(followup.get("by_reason").get("DISCONNECTED").get("came_back").asLong()).isEqualTo(1);
		assertThat(followup.get("by_connection").get("gmail").get("still_needed").asLong()).isEqualTo(1);
		JsonNode review = json.get("access_review");
		assertThat(review.get("unused_after_days").asLong()).isEqualTo(90);
		assertThat(review.get("unused").asLong()).isEqualTo(1);
		assertThat(review.get("by_connection").get("github").get("unused").asLong()).isEqualTo(1);
		assertThat(review.get("by_connection").get("gmail").get("excess_scopes").asLong()).isEqualTo(3);
	}

	@Test
	void theHtmlHasTheHistorySections() throws IOException {
		String html = Files.readString(output.resolve("report.html"));
		assertThat(html).contains("<h2>Problem age</h2>")
			.contains("<h3>Oldest open problems</h3>")
			.contains("<h2>Re-authentication campaign follow-up</h2>")
			.contains("<h2>Access review</h2>")
			.contains("more than <span>90 days</span>");
	}

	private static CSVRecord row(String file, String identifier) throws IOException {
		return RunReportsGoldenTests.read(output.resolve(file))
			.stream()
			.filter((record) -> record.get("identifier").equals(identifier))
			.findFirst()
			.orElseThrow();
	}

}
