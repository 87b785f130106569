package dev.healthaudit.command;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.healthaudit.finding.Finding;
import dev.healthaudit.report.CsvReports;
import dev.healthaudit.sandbox.SandboxAccount;
import dev.healthaudit.sandbox.SandboxFleet;
import dev.healthaudit.sandbox.SandboxSettings;
import dev.healthaudit.sandbox.Scenario;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo command end to end: sandbox, H2 file, job, reports; each account gets the
 * health its scenario seeds.
 */
class SandboxAuditIntegrationTests {

	static final Map<Scenario, Finding> EXPECTED = Map.ofEntries(Map.entry(Scenario.HEALTHY, Finding.HEALTHY),
			Map.entry(Scenario.UNDER_SCOPED, Finding.UNDER_SCOPED),
			Map.entry(Scenario.UNDER_SCOPED_PROBE_FORBIDDEN, Finding.UNDER_SCOPED),
			Map.entry(Scenario.PROBE_FORBIDDEN, Finding.PROBE_FORBIDDEN),
			Map.entry(Scenario.PROBE_UNAUTHORIZED, Finding.PROBE_UNAUTHORIZED),
			Map.entry(Scenario.PROBE_UNAUTHORIZED_RECOVERS, Finding.REFRESHED),
			Map.entry(Scenario.EXPIRED, Finding.EXPIRED), Map.entry(Scenario.EXPIRED_REFRESHABLE, Finding.REFRESHED),
			Map.entry(Scenario.PENDING_AUTH, Finding.PENDING_AUTH),
			Map.entry(Scenario.PENDING_VERIFICATION, Finding.PENDING_VERIFICATION),
			Map.entry(Scenario.DISCONNECTED, Finding.DISCONNECTED),
			Map.entry(Scenario.UNKNOWN_STATUS, Finding.UNKNOWN_STATUS),
			Map.entry(Scenario.PROVIDER_RATE_LIMITED, Finding.HEALTHY),
			Map.entry(Scenario.PROVIDER_DOWN, Finding.INCONCLUSIVE),
			Map.entry(Scenario.PROVIDER_SLOW, Finding.INCONCLUSIVE),
			Map.entry(Scenario.INVALID_CLIENT, Finding.CONNECTION_MISCONFIGURED),
			Map.entry(Scenario.ADMIN_CONSENT_REQUIRED, Finding.ADMIN_ACTION_REQUIRED),
			Map.entry(Scenario.USER_NOT_IN_TENANT, Finding.ADMIN_ACTION_REQUIRED),
			Map.entry(Scenario.GOOGLE_ACCESS_BLOCKED, Finding.ADMIN_ACTION_REQUIRED),
			Map.entry(Scenario.SLACK_APPROVAL_REQUIRED, Finding.ADMIN_ACTION_REQUIRED));

	@TempDir
	static Path work;

	static AuditApp.Result run;

	static Path latest;

	@BeforeAll
	static void runTheDemo() {
		run = AuditApp.run("--sandbox", "--reports-dir=" + work.resolve("reports"),
				"--audit.data-dir=" + work.resolve("data"), "--audit.sandbox.slow-probe-delay=2500ms");
		latest = work.resolve("reports").resolve("latest");
	}

	@Test
	void exitsZeroAndSaysWhereTheReportsAre() {
		assertThat(run.exitCode()).isZero();
		assertThat(run.output()).contains("Reports: ").contains("against the SANDBOX");
		assertThat(Files.isSymbolicLink(latest)).isTrue();
	}

	@Test
	void everySandboxAccountHasTheHealthItsScenarioSeeds() throws IOException {
		SandboxFleet fleet = SandboxFleet.of(SandboxSettings.defaults());
		List<CSVRecord> rows = read(latest.resolve("accounts.csv"));
		assertThat(rows).hasSize(fleet.accounts().size() + fleet.unknownIdentifiers().size());
		Map<String, String> healthByKey = new HashMap<>();
		for (CSVRecord row : rows) {
			String previous = healthByKey.put(row.get("connection_name") + "/" + row.get("identifier"),
					row.get("health"));
			assertThat(previous).as("account listed twice").isNull();
		}
		for (SandboxAccount account : fleet.accounts()) {
			assertThat(healthByKey.get(account.connector() + "/" + account.identifier()))
				.as(account.identifier() + " seeded " + account.scenario())
				.isEqualTo(EXPECTED.get(account.scenario()).name());
		}
		fleet.unknownAccounts()
			.forEach((key) -> assertThat(healthByKey.get(key.connector() + "/" + key.identifier()))
				.isEqualTo("NOT_FOUND"));
		List<String> expected = new java.util.ArrayList<>(ReportChecks.fleetKeys(fleet, List.of()));
		fleet.unknownAccounts().forEach((key) -> expected.add(ReportChecks.key(key.connector(), key.identifier())));
		ReportChecks.assertAccountsExactly(latest, expected);
	}

	@Test
	void badInputRowsAreRejectedWithLineAndReason() throws IOException {
		SandboxFleet fleet = SandboxFleet.of(SandboxSettings.defaults());
		int firstBadLine = fleet.accounts().size() + fleet.unknownIdentifiers().size() + 2;
		List<CSVRecord> rejects = read(latest.resolve("rejects.csv"));
		assertThat(rejects).extracting((row) -> row.get("line") + " " + row.get("reason"))
			.containsExactly(firstBadLine + " empty_identifier", (firstBadLine + 1) + " unknown_connection: notion",
					(firstBadLine + 2) + " duplicate of line 2");
	}

	@Test
	void everyHealthValueAppearsInTheDemo() throws IOException {
		assertThat(read(latest.resolve("accounts.csv"))).extracting((row) -> row.get("health"))
			.containsAll(java.util.Arrays.stream(Finding.values()).map(Finding::name).toList());
	}

	@Test
	void accountsCsvHasTheProductColumnsThenTheInputColumns() throws IOException {
		String header = Files.readAllLines(latest.resolve("accounts.csv")).get(0);
		assertThat(header).isEqualTo(String.join(",", CsvReports.ACCOUNT_COLUMNS) + ",email,user_id");
		assertThat(Files.readString(latest.resolve("accounts.csv"))).contains("\r\n");
		ReportChecks.assertHeadersUnique(latest);
	}

	@Test
	void findingsCsvHoldsTheRowsThatAreNeitherHealthyNorRefreshed() throws IOException {
		List<CSVRecord> accounts = read(latest.resolve("accounts.csv"));
		List<CSVRecord> findings = read(latest.resolve("findings.csv"));
		long problems = accounts.stream()
			.filter((row) -> !row.get("health").equals("HEALTHY") && !row.get("health").equals("REFRESHED"))
			.count();
		assertThat(findings).hasSize((int) problems);
		assertThat(findings).noneMatch((row) -> row.get("health").equals("HEALTHY"));
	}

	@Test
	void everyFindingHasAnActionAndFailuresHaveEvidence() throws IOException {
		for (CSVRecord row : read(latest.resolve("findings.csv"))) {
			assertThat(row.get("recommended_action")).isNotBlank();
			if (List.of("PROBE_FORBIDDEN", "ADMIN_ACTION_REQUIRED", "CONNECTION_MISCONFIGURED", "PROBE_UNAUTHORIZED")
				.contains(row.get("health"))) {
				assertThat(row.get("http_status")).as(row.toString()).isIn("401", "403");
				assertThat(row.get("error_code")).as(row.toString()).startsWith("TOOL_ERROR");
				assertThat(row.get("detail")).as(row.toString()).isNotBlank();
			}
		}
	}

	@Test
	void campaignFileIsPrivateAndTheOnlyPlaceWithLinks() throws IOException {
		Path campaign = latest.resolve("reauth-campaign.csv");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(campaign))).isEqualTo("rw-------");
		List<CSVRecord> rows = read(campaign);
		List<String> mustAct = read(latest.resolve("accounts.csv")).stream()
			.filter((row) -> Finding.valueOf(row.get("health")).userMustAct())
			.map((row) -> ReportChecks.key(row.get("connection_name"), row.get("identifier")))
			.toList();
		assertThat(mustAct).hasSizeGreaterThan(10);
		assertThat(ReportChecks.keys(campaign)).containsExactlyElementsOf(mustAct);
		assertThat(rows).allSatisfy((row) -> assertThat(Finding.valueOf(row.get("reason")).userMustAct()).isTrue());
		assertThat(rows).filteredOn((row) -> !row.get("reason").equals("PENDING_VERIFICATION"))
			.allSatisfy((row) -> assertThat(row.get("authorization_link")).startsWith("https://"));
		String link = rows.stream()
			.map((row) -> row.get("authorization_link"))
			.filter((value) -> !value.isEmpty())
			.findFirst()
			.orElseThrow();
		try (var files = Files.list(latest)) {
			for (Path file : files.filter((path) -> !path.equals(campaign)).toList()) {
				assertThat(Files.readString(file)).as(file.toString()).doesNotContain(link);
			}
		}
		assertThat(run.output()).doesNotContain(link).doesNotContain("sandbox-secret");
	}

	@Test
	void campaignFileFedBackAsInputIsAuditedWithoutCarryingItsLinks(@TempDir Path again) throws IOException {
		Path campaign = latest.resolve("reauth-campaign.csv");
		List<String> links = read(campaign).stream()
			.map((row) -> row.get("authorization_link"))
			.filter((link) -> !link.isEmpty())
			.toList();
		assertThat(links).hasSizeGreaterThan(10);

		AuditApp.Result second = AuditApp.run("--sandbox", "--input=" + campaign,
				"--reports-dir=" + again.resolve("reports"), "--audit.data-dir=" + again.resolve("data"),
				"--audit.sandbox.slow-probe-delay=10ms");

		assertThat(second.exitCode()).as(second.output()).isZero();
		Path reports = again.resolve("reports/latest");
		ReportChecks.assertAccountsExactly(reports, ReportChecks.keys(campaign));
		ReportChecks.assertHeadersUnique(reports);
		assertThat(ReportChecks.header(reports.resolve("accounts.csv"))).containsExactlyElementsOf(
				java.util.stream.Stream.concat(CsvReports.ACCOUNT_COLUMNS.stream(), Stream.of("email", "user_id"))
					.toList());
		assertThat(ReportChecks.occurrences(second.output(), "are not carried through")).isEqualTo(1);
		assertThat(second.output()).contains(
				"input columns 'reason', 'user_message', 'authorization_link', 'link_expires_at', 'times_asked' of "
						+ campaign);
		try (var files = Files.list(reports)) {
			for (Path file : files.filter((path) -> !path.getFileName().toString().equals("reauth-campaign.csv"))
				.toList()) {
				String content = Files.readString(file);
				links.forEach((link) -> assertThat(content).as(file.toString()).doesNotContain(link));
			}
		}
		links.forEach((link) -> assertThat(second.output()).doesNotContain(link));
	}

	private static List<CSVRecord> read(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
		}
	}

}
