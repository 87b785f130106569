package dev.healthaudit.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run against a sandbox whose every account read fails for one cause of the environment
 * (our token refused everywhere; Scalekit answering 503 everywhere): the run completes
 * and writes its reports, which lead with a run-level incident, logs it as an error and
 * exits 5.
 */
class EnvironmentIncidentIntegrationTests {

	@TempDir
	Path work;

	@Test
	void tokenRefusedOnEveryCallIsACredentialsIncidentWithExitFive() throws IOException {
		AuditApp.Result result = audit("TOKEN_EXPIRED", "none");
		assertThat(result.exitCode()).as(result.output()).isEqualTo(5);
		assertIncident(result, "credentials_refused", "Scalekit refused this job's API credentials");
	}

	@Test
	void apiUnavailableOnEveryCallIsAnUnavailableIncidentAndWinsOverFailOn() throws IOException {
		// fail-on INCONCLUSIVE would exit 3; the run-level incident says more
		AuditApp.Result result = audit("UNAVAILABLE", "INCONCLUSIVE");
		assertThat(result.exitCode()).as(result.output()).isEqualTo(5);
		assertIncident(result, "api_unavailable", "Scalekit was unavailable or out of reach");
	}

	private void assertIncident(AuditApp.Result result, String code, String cause) throws IOException {
		Path reports = this.work.resolve("reports").resolve("latest");
		List<CSVRecord> rows = FaultToleranceIntegrationTests.read(reports.resolve("accounts.csv"));
		assertThat(rows).isNotEmpty().allSatisfy((row) -> assertThat(row.get("health")).isEqualTo("INCONCLUSIVE"));

		JsonNode incident = JsonMapper.builder()
			.build()
			.readTree(reports.resolve("summary.json").toFile())
			.get("incidents")
			.get(0);
		assertThat(incident.get("kind").asString()).isEqualTo("ENVIRONMENT");
		assertThat(incident.get("incident").asString()).isEqualTo(code);
		assertThat(incident.get("accounts").asLong()).isEqualTo(rows.size());
		assertThat(incident.get("message").asString()).contains(cause);

		String html = Files.readString(reports.resolve("report.html"), StandardCharsets.UTF_8);
		assertThat(html.indexOf("role=\"alert\"")).isPositive().isLessThan(html.indexOf("class=\"banner\""));
		assertThat(html).contains("Most accounts could not be audited (<span>" + code + "</span>)");

		assertThat(result.output().lines().filter((line) -> line.contains(" ERROR ")))
			.anySatisfy((line) -> assertThat(line).contains("The run could not audit most accounts: " + rows.size()
					+ " of " + rows.size() + " (100.0 %) are INCONCLUSIVE because " + cause));
	}

	private AuditApp.Result audit(String fault, String failOn) throws IOException {
		return AuditApp.run("--sandbox", "--policy=" + testPolicy(failOn),
				"--reports-dir=" + this.work.resolve("reports"), "--audit.data-dir=" + this.work.resolve("data"),
				"--audit.sandbox.accounts=24", "--audit.sandbox.slow-probe-delay=10ms",
				"--audit.sandbox.faults.kinds=" + fault, "--audit.sandbox.faults.share=1",
				"--audit.sandbox.faults.route=/api/v1/connected_accounts/auth", "--audit.progress-interval=2s");
	}

	/**
	 * The sandbox policy with short timeouts and backoffs, so that three failed attempts
	 * per account are quick.
	 */
	private Path testPolicy(String failOn) throws IOException {
		Path policy = this.work.resolve("environment.yml");
		String shipped = Files.readString(Path.of("jobs", "sandbox.yml"), StandardCharsets.UTF_8);
		String fast = shipped.replace("requests-per-minute: 6000", "requests-per-minute: 60000")
			.replace("initial-backoff: 200ms", "initial-backoff: 20ms")
			.replace("max-backoff: 2s", "max-backoff: 100ms")
			.replace("fail-on: none", "fail-on: " + failOn);
		assertThat(fast).contains("initial-backoff: 20ms", "max-backoff: 100ms", "fail-on: " + failOn);
		Files.writeString(policy, fast, StandardCharsets.UTF_8);
		return policy;
	}

}
