package dev.healthaudit.command;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.healthaudit.sandbox.FleetNights;
import dev.healthaudit.sandbox.SandboxAccount;
import dev.healthaudit.sandbox.SandboxNight;
import dev.healthaudit.sandbox.SandboxSettings;
import dev.healthaudit.sandbox.Scenario;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three nights of the sandbox against one database, through the command (issue 14):
 * problem age, campaign follow-up, times asked, the last real use of a grant only the
 * audit's probes touch, and excess scopes, for accounts chosen from the sandbox's own
 * story of the nights ({@link FleetNights}).
 */
class SandboxNightsIntegrationTests {

	/** Scenarios whose user the audit asks to act. */
	static final Set<Scenario> CAMPAIGN = Set.of(Scenario.EXPIRED, Scenario.DISCONNECTED, Scenario.PENDING_AUTH,
			Scenario.PENDING_VERIFICATION, Scenario.PROBE_UNAUTHORIZED, Scenario.UNDER_SCOPED,
			Scenario.UNDER_SCOPED_PROBE_FORBIDDEN);

	static final FleetNights NIGHTS = FleetNights.of(SandboxSettings.defaults());

	@TempDir
	static Path work;

	/** Each night's report directory, night 1 first. */
	static final List<Path> reports = new ArrayList<>();

	@BeforeAll
	static void runThreeNights() throws IOException {
		for (int night = 1; night <= 3; night++) {
			AuditApp.Result run = AuditApp.run("--sandbox", "--audit.sandbox.night=" + night,
					"--reports-dir=" + work.resolve("reports"), "--audit.data-dir=" + work.resolve("data"),
					"--audit.sandbox.slow-probe-delay=2500ms");
			assertThat(run.exitCode()).as(run.output()).isZero();
			Path latest = work.resolve("reports").resolve("latest");
			reports.add(latest.resolveSibling(Files.readSymbolicLink(latest)).normalize());
		}
	}

	@Test
	void eachNightIsADayLaterOnTheSandboxCalendar() throws IOException {
		for (int night = 1; night <= 3; night++) {
			Instant started = Instant.parse(summary(night).get("started_at").asString());
			assertThat(started).isBetween(new SandboxNight(night).start(),
					new SandboxNight(night).start().plus(Duration.ofMinutes(10)));
		}
		assertThat(summary(2).get("changes").get("previous_run").asString())
			.isEqualTo(summary(1).get("run_id").asString());
	}

	@Test
	void anAccountAskedThreeNightsRunningIsAskedForTheThirdTimeAndBrokenSinceTheFirst() throws IOException {
		SandboxAccount asked = account(
				(each) -> each.scenario() == Scenario.EXPIRED && scenarioOn(each, 3) == Scenario.EXPIRED);
		assertThat(List.of(cell(1, "reauth-campaign.csv", asked, "times_asked"),
				cell(2, "reauth-campaign.csv", asked, "times_asked"),
				cell(3, "reauth-campaign.csv", asked, "times_asked")))
			.containsExactly("1", "2", "3");
		String firstCheck = cell(1, "accounts.csv", asked, "checked_at");
		assertThat(cell(1, "accounts.csv", asked, "health_since")).isEqualTo(firstCheck);
		assertThat(cell(1, "accounts.csv", asked, "previous_health")).isEmpty();
		for (int night = 2; night <= 3; night++) {
			assertThat(cell(night, "accounts.csv", asked, "health")).isEqualTo("EXPIRED");
			assertThat(cell(night, "accounts.csv", asked, "health_since")).isEqualTo(firstCheck);
			assertThat(cell(night, "accounts.csv", asked, "previous_health")).isEqualTo("EXPIRED");
			assertThat(cell(night, "expired.csv", asked, "health_since")).isEqualTo(firstCheck);
		}
		// two days and a few seconds after its first check
		assertThat(summary(3).get("ages").get("EXPIRED").get("1_to_7_days").asLong()).isPositive();
	}

	@Test
	void usersWhoReauthorizedCameBack() throws IOException {
		List<SandboxAccount> askedOnNight1 = NIGHTS.fleet()
			.accounts()
			.stream()
			.filter((each) -> CAMPAIGN.contains(each.scenario()))
			.toList();
		long cameBack = askedOnNight1.stream().filter((each) -> NIGHTS.on(each, night(2)).cameBack()).count();
		JsonNode followup = summary(2).get("campaign_followup");
		assertThat(followup.get("previous_run").asString()).isEqualTo(summary(1).get("run_id").asString());
		assertThat(followup.get("asked").asLong()).isEqualTo(askedOnNight1.size())
			.isEqualTo(rows(1, "reauth-campaign.csv").size());
		assertThat(followup.get("came_back").asLong()).isEqualTo(cameBack).isPositive();
		assertThat(followup.get("still_needed").asLong()).isEqualTo(askedOnNight1.size() - cameBack);
		assertThat(followup.get("not_audited").asLong()).isZero();
		assertThat(summary(1).get("campaign_followup").get("asked").asLong()).as("no previous run").isZero();

		SandboxAccount back = account(
				(each) -> each.scenario() == Scenario.EXPIRED && NIGHTS.on(each, night(2)).cameBack());
		assertThat(cell(2, "accounts.csv", back, "health")).isEqualTo("HEALTHY");
		assertThat(cell(2, "accounts.csv", back, "previous_health")).isEqualTo("EXPIRED");
		assertThat(cell(2, "accounts.csv", back, "health_since"))
			.isEqualTo(cell(2, "accounts.csv", back, "checked_at"));
		assertThat(followup.get("by_reason").get("EXPIRED").get("came_back").asLong()).isPositive();
		assertThat(followup.get("by_connection").get(back.connector()).get("came_back").asLong()).isPositive();
		assertThat(Files.readString(reports.get(1).resolve("report.html")))
			.contains("<h2>Re-authentication campaign follow-up</h2>");
	}

	@Test
	void anAccountThatBrokeIsDatedFromTheNightItBroke() throws IOException {
		SandboxAccount broke = account((each) -> each.scenario() == Scenario.HEALTHY
				&& scenarioOn(each, 2) == Scenario.EXPIRED && scenarioOn(each, 3) == Scenario.EXPIRED);
		assertThat(cell(1, "accounts.csv", broke, "health")).isEqualTo("HEALTHY");
		assertThat(cell(2, "accounts.csv", broke, "health")).isEqualTo("EXPIRED");
		assertThat(cell(2, "accounts.csv", broke, "previous_health")).isEqualTo("HEALTHY");
		String broken = cell(2, "accounts.csv", broke, "checked_at");
		assertThat(cell(2, "accounts.csv", broke, "health_since")).isEqualTo(broken);
		assertThat(cell(3, "accounts.csv", broke, "health_since")).isEqualTo(broken);
		assertThat(cell(3, "reauth-campaign.csv", broke, "times_asked")).isEqualTo("2");
	}

	@Test
	void aGrantOnlyOurProbesUseKeepsItsLastRealUseAndItsUnusedDaysGrow() throws IOException {
		SandboxAccount dormant = account((each) -> each.scenario() == Scenario.HEALTHY && NIGHTS.dormant(each)
				&& scenarioOn(each, 3) == Scenario.HEALTHY);
		Instant realUse = NIGHTS.on(dormant, night(1)).lastAgentUse().orElseThrow();
		long days = Duration.between(realUse, SandboxNight.FIRST).toDays();
		for (int night = 1; night <= 3; night++) {
			assertThat(cell(night, "access-review.csv", dormant, "last_used_at")).as("night " + night)
				.isEqualTo(realUse.toString());
			assertThat(cell(night, "access-review.csv", dormant, "unused_days")).as("night " + night)
				.isEqualTo(Long.toString(days + night - 1));
		}
		// what Scalekit said on night 3 was our own probe of night 2
		assertThat(NIGHTS.on(dormant, night(3)).lastUsedAt()).contains(night(2).start());
	}

	@Test
	void aGrantTheAgentUsesShowsItsLastUseSinceThePreviousNight() throws IOException {
		SandboxAccount active = account((each) -> each.scenario() == Scenario.HEALTHY && !NIGHTS.dormant(each)
				&& scenarioOn(each, 3) == Scenario.HEALTHY);
		Instant used = NIGHTS.on(active, night(3)).lastAgentUse().orElseThrow();
		assertThat(used).isAfter(night(2).start());
		assertThat(cell(3, "access-review.csv", active, "last_used_at")).isEqualTo(used.toString());
		assertThat(cell(3, "access-review.csv", active, "unused_days")).isEqualTo("0");
	}

	@Test
	void excessScopesAreTheGrantedScopesNoRequiredScopeNeeds() throws IOException {
		SandboxAccount overGranted = account(
				(each) -> each.scenario() == Scenario.HEALTHY && NIGHTS.extraScope(each).isPresent());
		assertThat(cell(1, "access-review.csv", overGranted, "excess_scopes"))
			.isEqualTo(NIGHTS.extraScope(overGranted).orElseThrow());
		SandboxAccount exact = account(
				(each) -> each.scenario() == Scenario.HEALTHY && NIGHTS.extraScope(each).isEmpty());
		assertThat(cell(1, "access-review.csv", exact, "excess_scopes")).isEmpty();
		long expected = NIGHTS.fleetOn(night(1))
			.accounts()
			.stream()
			.filter((each) -> each.scopes().size() > each.connection().scopes().size())
			.count();
		JsonNode review = summary(1).get("access_review");
		assertThat(review.get("excess_scopes").asLong()).isEqualTo(expected).isPositive();
		assertThat(review.get("accounts").asLong()).isEqualTo(rows(1, "access-review.csv").size());
		assertThat(review.get("unused_after_days").asLong()).isEqualTo(90);
		assertThat(review.get("unused").asLong()).as("dormant grants last used over 90 days ago").isPositive();
	}

	@Test
	void accessReviewChangesNoHealthFindingOrCampaignRow() throws IOException {
		// night 1 is the seeded fleet: its health per scenario is the one the classic
		// demo asserts
		Map<String, String> health = new HashMap<>();
		rows(1, "accounts.csv")
			.forEach((row) -> health.put(row.get("connection_name") + "/" + row.get("identifier"), row.get("health")));
		for (SandboxAccount account : NIGHTS.fleet().accounts()) {
			assertThat(health.get(account.connector() + "/" + account.identifier())).as(account.toString())
				.isEqualTo(SandboxAuditIntegrationTests.EXPECTED.get(account.scenario()).name());
		}
	}

	@Test
	void aNightIsOnlyForTheSandbox() {
		AuditApp.Result run = AuditApp.run("--policy=jobs/example.yml", "--audit.sandbox.night=2",
				"--reports-dir=" + work.resolve("other-reports"), "--audit.data-dir=" + work.resolve("other-data"));
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.output()).contains("audit.sandbox.night needs --sandbox");
	}

	private static SandboxNight night(int number) {
		return new SandboxNight(number);
	}

	private static Scenario scenarioOn(SandboxAccount account, int night) {
		return NIGHTS.on(account, night(night)).account().scenario();
	}

	private static SandboxAccount account(Predicate<SandboxAccount> chosen) {
		return NIGHTS.fleet().accounts().stream().filter(chosen).findFirst().orElseThrow();
	}

	private static String cell(int night, String file, SandboxAccount account, String column) throws IOException {
		return rows(night, file).stream()
			.filter((row) -> row.get("connection_name").equals(account.connector())
					&& row.get("identifier").equals(account.identifier()))
			.findFirst()
			.orElseThrow(() -> new AssertionError(account + " not in " + file + " of night " + night))
			.get(column);
	}

	private static List<CSVRecord> rows(int night, String file) throws IOException {
		try (Reader reader = Files.newBufferedReader(reports.get(night - 1).resolve(file), StandardCharsets.UTF_8)) {
			return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
		}
	}

	private static JsonNode summary(int night) {
		return JsonMapper.builder().build().readTree(reports.get(night - 1).resolve("summary.json").toFile());
	}

}
