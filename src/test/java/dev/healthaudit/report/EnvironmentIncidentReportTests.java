package dev.healthaudit.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.healthaudit.account.AccountRef;
import dev.healthaudit.finding.Finding;
import dev.healthaudit.probe.AuditResult;
import dev.healthaudit.probe.Evidence;
import dev.healthaudit.probe.ProbeReport.ProbeStatus;
import dev.healthaudit.probe.Verdict;
import dev.healthaudit.result.EnvironmentCause;
import dev.healthaudit.result.EnvironmentIncident;
import dev.healthaudit.result.RunRecord;
import dev.healthaudit.result.RunRecord.RunState;
import dev.healthaudit.result.Stores;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs whose accounts mostly could not be read for one cause of the environment: the
 * reports say so first, in {@code summary.json} and in {@code report.html}; runs with the
 * same failures on fewer accounts do not.
 */
class EnvironmentIncidentReportTests {

	private static final Instant START = Instant.parse("2026-03-02T02:00:00Z");

	private final Stores stores = newStores();

	@Test
	void mostAccountsRefusedWith401MakeACredentialsIncidentFirstInSummaryAndHtml(@TempDir Path output)
			throws IOException {
		RunRecord run = run("refused");
		List<AuditResult> results = new ArrayList<>();
		for (int i = 0; i < 18; i++) {
			results.add(unread("gmail", "user-" + i, i + 2, new Evidence(401, "UNAUTHENTICATED", "token expired")));
		}
		results.add(healthy("slack", "U1", 20));
		results.add(healthy("slack", "U2", 21));
		this.stores.results().save(run.runId(), results, List.of());

		assertThat(this.stores.results().aggregates().environmentIncident(run.runId()))
			.contains(new EnvironmentIncident(EnvironmentCause.CREDENTIALS_REFUSED, 18, 20));
		new RunReports(this.stores, "test", RunReports.DEFAULT_TOP).write(run, START.plusSeconds(60), output);

		JsonNode incidents = JsonMapper.builder()
			.build()
			.readTree(output.resolve("summary.json").toFile())
			.get("incidents");
		assertThat(incidents).hasSize(1);
		JsonNode incident = incidents.get(0);
		assertThat(incident.get("kind").asString()).isEqualTo("ENVIRONMENT");
		assertThat(incident.get("incident").asString()).isEqualTo("credentials_refused");
		assertThat(incident.get("finding").asString()).isEqualTo("INCONCLUSIVE");
		assertThat(incident.get("accounts").asLong()).isEqualTo(18);
		assertThat(incident.get("message").asString()).startsWith("The run could not audit most accounts: 18 of 20 "
				+ "(90.0 %) are INCONCLUSIVE because Scalekit refused this job's API credentials");
		assertThat(incident.get("recommended_action").asString()).contains("SCALEKIT_CLIENT_ID");

		String html = Files.readString(output.resolve("report.html"));
		String body = html.substring(html.indexOf("<main>"));
		assertThat(body.indexOf("role=\"alert\"")).as("the incident is the first thing in the page")
			.isPositive()
			.isLessThan(body.indexOf("<h1>"));
		assertThat(body).contains("Most accounts could not be audited (<span>credentials_refused</span>)")
			.contains("18 of 20 (90.0 %) are INCONCLUSIVE");
	}

	@Test
	void mostAccountsUnreadForServerErrorsOrNoAnswerMakeAnUnavailableIncident() {
		RunRecord run = run("down");
		List<AuditResult> results = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			results
				.add(unread("gmail", "user-" + i, i + 2, new Evidence(503, "UNAVAILABLE", "upstream connect error")));
		}
		for (int i = 6; i < 10; i++) {
			results.add(unread("gmail", "user-" + i, i + 2, new Evidence(0, "", "no answer within 5s")));
		}
		results.add(healthy("slack", "U1", 20));
		this.stores.results().save(run.runId(), results, List.of());

		assertThat(this.stores.results().aggregates().counts(run.runId()).environmentIncident())
			.contains(new EnvironmentIncident(EnvironmentCause.API_UNAVAILABLE, 10, 11));
	}

	@Test
	void providerOutagesAndAMinorityOfUnreadAccountsAreNoRunIncident(@TempDir Path output) throws IOException {
		RunRecord run = run("ordinary");
		List<AuditResult> results = new ArrayList<>();
		// the provider behind every probe is down: the accounts were read, so Scalekit
		// itself works
		for (int i = 0; i < 10; i++) {
			results.add(result("slack", "U" + i, i + 2, "ACTIVE", ProbeStatus.INCONCLUSIVE,
					new Evidence(503, "TOOL_ERROR", "provider unavailable")));
		}
		// a few reads refused: not most of the run
		for (int i = 10; i < 14; i++) {
			results.add(unread("gmail", "user-" + i, i + 2, new Evidence(401, "UNAUTHENTICATED", "token expired")));
		}
		this.stores.results().save(run.runId(), results, List.of());

		assertThat(this.stores.results().aggregates().environmentIncident(run.runId())).isEmpty();
		new RunReports(this.stores, "test", RunReports.DEFAULT_TOP).write(run, START.plusSeconds(60), output);
		assertThat(JsonMapper.builder().build().readTree(output.resolve("summary.json").toFile()).get("incidents"))
			.isEmpty();
		assertThat(Files.readString(output.resolve("report.html"))).doesNotContain("role=\"alert\"")
			.doesNotContain("could not audit most accounts");
	}

	private RunRecord run(String name) {
		RunRecord run = new RunRecord("nightly-" + name, "nightly", "d1gest", "jobs/accounts.csv", false, List.of(),
				RunState.RUNNING, START, Optional.empty());
		this.stores.runs().createRun(run);
		return run;
	}

	private static Stores newStores() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:incident-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		ReportFixture.migrate(dataSource);
		return new Stores(dataSource);
	}

	/**
	 * An account whose read ({@code /auth}) failed for good: INCONCLUSIVE, no status, no
	 * probe.
	 */
	private static AuditResult unread(String connection, String identifier, long line, Evidence evidence) {
		return result(connection, identifier, line, "", ProbeStatus.NOT_RUN, evidence);
	}

	private static AuditResult healthy(String connection, String identifier, long line) {
		return new AuditResult(new AccountRef(connection, identifier, line, Map.of()), "ca_" + line, "ACTIVE",
				new Verdict(List.of(Finding.HEALTHY), Evidence.NONE, Optional.empty()), List.of(), List.of(),
				"probe_tool", ProbeStatus.SUCCEEDED, START.plusSeconds(line), Optional.empty(), "");
	}

	private static AuditResult result(String connection, String identifier, long line, String status, ProbeStatus probe,
			Evidence evidence) {
		return new AuditResult(new AccountRef(connection, identifier, line, Map.of()),
				status.isEmpty() ? "" : "ca_" + line, status,
				new Verdict(List.of(Finding.INCONCLUSIVE), evidence, Optional.empty()), List.of(), List.of(),
				(probe == ProbeStatus.NOT_RUN) ? "" : "probe_tool", probe, START.plusSeconds(line), Optional.empty(),
				"");
	}

}
