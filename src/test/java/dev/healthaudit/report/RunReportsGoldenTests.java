package dev.healthaudit.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.healthaudit.result.Changes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every output of a fixed run compared byte for byte with
 * {@code src/test/resources/golden/}, plus the properties that matter most checked on
 * that same output.
 *
 * <p>
 * After an intended change of output, rewrite the expected files with
 * {@code ./mvnw -q -B test -Dtest=RunReportsGoldenTests -Dgolden.update=true} and review
 * the diff.
 */
class RunReportsGoldenTests {

	static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

	static final List<String> FILES = List.of("accounts.csv", "findings.csv", "expired.csv", "disconnected.csv",
			"under-scoped.csv", "reauth-campaign.csv", "rejects.csv", "summary.json", "report.html",
			"access-review.csv");

	@TempDir
	static Path output;

	static ReportFixture fixture;

	@BeforeAll
	static void writeReports() {
		fixture = new ReportFixture().load();
		new RunReports(fixture.stores, "test", RunReports.DEFAULT_TOP).withAccessReview(ReportFixture.ACCESS_REVIEW)
			.write(fixture.current, ReportFixture.END, output);
	}

	@Test
	void everyOutputMatchesItsGoldenFile() throws IOException {
		try (Stream<Path> files = Files.list(output)) {
			assertThat(files.map((file) -> file.getFileName().toString())).containsExactlyInAnyOrderElementsOf(FILES);
		}
		boolean update = Boolean.getBoolean("golden.update");
		for (String name : FILES) {
			byte[] actual = Files.readAllBytes(output.resolve(name));
			Path expected = GOLDEN.resolve(name);
			if (update) {
				Files.createDirectories(GOLDEN);
				Files.write(expected, actual);
				continue;
			}
			assertThat(expected).as("golden file; create it with -Dgolden.update=true").exists();
			assertThat(new String(actual, StandardCharsets.UTF_8)).as(name)
				.isEqualTo(new String(Files.readAllBytes(expected), StandardCharsets.UTF_8));
			assertThat(actual).as(name + " byte for byte").isEqualTo(Files.readAllBytes(expected));
		}
	}

	@Test
	void cellsThatASpreadsheetWouldEvaluateAreNeutralised() throws IOException {
		CSVRecord formula = row("accounts.csv", ReportFixture.FORMULA_IDENTIFIER.substring(1));
		assertThat(formula.get("identifier")).isEqualTo("'" + ReportFixture.FORMULA_IDENTIFIER);
		CSVRecord timedOut = row("accounts.csv", "carol@example.com");
		assertThat(timedOut.get("detail")).isEqualTo("'-timed out after 2s @provider");
		assertThat(row("reauth-campaign.csv", ReportFixture.FORMULA_IDENTIFIER.substring(1)).get("identifier"))
			.startsWith("'=");
		for (String name : FILES.stream().filter((file) -> file.endsWith(".csv")).toList()) {
			for (CSVRecord record : read(output.resolve(name))) {
				record.stream()
					.forEach((cell) -> assertThat(cell).as(name)
						.doesNotStartWith("=")
						.doesNotStartWith("+")
						.doesNotStartWith("-")
						.doesNotStartWith("@"));
			}
		}
	}

	@Test
	void markupInValuesAppearsOnlyEscapedInTheHtml() throws IOException {
		String html = Files.readString(output.resolve("report.html"));
		assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain(ReportFixture.SCRIPT_IDENTIFIER)
			.doesNotContainIgnoringCase("<script");
	}

	@Test
	void htmlIsSelfContained() throws IOException {
		String html = Files.readString(output.resolve("report.html"));
		assertThat(html).doesNotContainIgnoringCase("<link")
			.doesNotContainIgnoringCase("<img")
			.doesNotContainIgnoringCase("src=")
			.doesNotContainIgnoringCase("@import")
			.doesNotContainIgnoringCase("url(")
			.doesNotContain("href=\"http");
		assertThat(html).contains("<style>").contains("<svg").contains("@media print");
	}

	@Test
	void sandboxRunsSaySoVisibly() throws IOException {
		assertThat(Files.readString(output.resolve("report.html")))
			.contains("Simulated data: this report was produced against the built-in sandbox, not a real Scalekit "
					+ "environment");
		assertThat(json().get("sandbox").asBoolean()).isTrue();
	}

	@Test
	void campaignFileIsReadableByItsOwnerOnly() throws IOException {
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(output.resolve("reauth-campaign.csv"))))
			.isEqualTo("rw-------");
	}

	@Test
	void authorizationLinksAppearInTheCampaignFileOnly() throws IOException {
		List<String> links = List.of(ReportFixture.LINK_EXPIRED, ReportFixture.LINK_DISCONNECTED,
				ReportFixture.LINK_SCRIPT);
		String campaign = Files.readString(output.resolve("reauth-campaign.csv"));
		links.forEach((link) -> assertThat(campaign).contains(link));
		for (String name : FILES.stream().filter((file) -> !file.equals("reauth-campaign.csv")).toList()) {
			String content = Files.readString(output.resolve(name));
			assertThat(content).as(name).doesNotContain("SECRET-LINK").doesNotContain("auth.example.test");
		}
	}

	@Test
	void changesCountProblemFindingsAgainstThePreviousCompletedRun() {
		Changes changes = fixture.stores.results()
			.aggregates()
			.changes(fixture.current.runId(), Optional.of(fixture.previous.runId()));
		// now: 10 problem findings (ann has EXPIRED and UNDER_SCOPED); before: 4; in
		// both: ann EXPIRED, octo-1
		assertThat(changes).isEqualTo(new Changes(Optional.of(fixture.previous.runId()), 8, 2, 2));
		JsonNode json = json().get("changes");
		assertThat(json.get("previous_run").asString()).isEqualTo(fixture.previous.runId());
		assertThat(json.get("new").asLong()).isEqualTo(8);
		assertThat(json.get("resolved").asLong()).isEqualTo(2);
		assertThat(json.get("persisting").asLong()).isEqualTo(2);
	}

	@Test
	void withoutAPreviousRunEveryProblemFindingIsNew() {
		Changes changes = fixture.stores.results().aggregates().changes(fixture.previous.runId(), Optional.empty());
		assertThat(changes).isEqualTo(new Changes(Optional.empty(), 4, 0, 0));
	}

	@Test
	void anAccountWithSeveralFindingsCountsForEach() {
		JsonNode findings = json().get("counts").get("findings");
		assertThat(findings.get("EXPIRED").asLong()).isEqualTo(1);
		assertThat(findings.get("UNDER_SCOPED").asLong()).isEqualTo(2);
		assertThat(json().get("counts").get("health").get("UNDER_SCOPED").asLong()).isEqualTo(1);
	}

	@Test
	void apiStatsAddUpOverTheProcessesOfARun() {
		JsonNode api = json().get("api");
		assertThat(api.get("calls").get("GET /api/v1/connected_accounts/auth").asLong()).isEqualTo(13);
		assertThat(api.get("calls").get("POST /oauth/token").asLong()).isEqualTo(2);
		assertThat(api.get("retries").asLong()).isEqualTo(3);
		assertThat(api.get("rate_limit_wait_seconds").asDouble()).isEqualTo(1.75);
	}

	@Test
	void incidentsAreGroupedByConnectionAndCauseMostAffectedFirst() {
		JsonNode incidents = json().get("incidents");
		assertThat(incidents).hasSize(2);
		assertThat(incidents.get(0).get("connection_name").asString()).isEqualTo("github");
		assertThat(incidents.get(0).get("incident").asString()).isEqualTo("invalid_client");
		assertThat(incidents.get(0).get("accounts").asLong()).isEqualTo(2);
		assertThat(incidents.get(1).get("incident").asString()).isEqualTo("google_access_blocked");
	}

	@Test
	void statusCountsUseExactlyTheStatusCellsOfAccountsCsv() throws IOException {
		Map<String, Long> cells = new TreeMap<>();
		read(output.resolve("accounts.csv")).forEach((row) -> cells.merge(row.get("status"), 1L, Long::sum));
		Map<String, Long> json = new TreeMap<>();
		json().get("counts")
			.get("status")
			.properties()
			.forEach((entry) -> json.put(entry.getKey(), entry.getValue().asLong()));
		assertThat(json).isEqualTo(cells).containsEntry("", 1L);
	}

	@Test
	void statusCountsAreKeyedByTheNeutralisedCell() {
		Map<String, Long> raw = new TreeMap<>(Map.of("", 2L, "ACTIVE", 5L, "=cmd()", 1L, "'=cmd()", 1L));
		assertThat(SummaryJson.statusCells(raw)).containsExactly(Map.entry("", 2L), Map.entry("'=cmd()", 2L),
				Map.entry("ACTIVE", 5L));
	}

	@Test
	void extraInputColumnsAreAppendedInInputOrder() throws IOException {
		for (String name : List.of("accounts.csv", "findings.csv", "reauth-campaign.csv")) {
			String header = Files.readAllLines(output.resolve(name)).get(0);
			assertThat(header).as(name).endsWith(",email,org_id");
		}
		assertThat(row("accounts.csv", "U0001").get("org_id")).isEqualTo("org-1");
	}

	@Test
	void htmlListsOnlyTheTopAccountsAndSaysWhereTheRestAre(@TempDir Path small) throws IOException {
		new RunReports(fixture.stores, "test", 3).write(fixture.current, ReportFixture.END, small);
		String html = Files.readString(small.resolve("report.html"));
		assertThat(html)
			.contains("Showing <span>3</span> of <span>9</span>; reauth-campaign.csv and findings.csv " + "have all.");
		// most severe first: NOT_FOUND, DISCONNECTED, EXPIRED
		assertThat(html).contains("ghost@example.com")
			.contains("U0003")
			.contains("ann@example.com")
			.doesNotContain("carol@example.com");
	}

	private static JsonNode json() {
		return JsonMapper.builder().build().readTree(output.resolve("summary.json").toFile());
	}

	private static CSVRecord row(String file, String identifierContains) throws IOException {
		return read(output.resolve(file)).stream()
			.filter((record) -> record.get("identifier").contains(identifierContains))
			.findFirst()
			.orElseThrow();
	}

	static List<CSVRecord> read(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
		}
	}

}
