package dev.healthaudit.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.healthaudit.sandbox.SandboxFleet;
import dev.healthaudit.sandbox.SandboxServer;
import dev.healthaudit.sandbox.SandboxSettings;
import dev.healthaudit.sandbox.SandboxTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recognisable fake secrets through a real run (the client secret as a property, provider
 * tokens in every {@code /auth} answer, bearer tokens, authorization links), with
 * Spring's own DEBUG logging and {@code --debug} on: none of them may appear in the log
 * output or in any report except the links in {@code reauth-campaign.csv}.
 */
class SecretsIntegrationTests {

	private static final String CLIENT_SECRET = "SECRET-client-0xC0FFEE";

	@TempDir
	static Path work;

	static SandboxServer server;

	static AuditApp.Result run;

	static Path latest;

	@BeforeAll
	static void runWithSecretsAndDebugLogging() throws IOException {
		server = SandboxServer.start(SandboxSettings.defaults()
			.withAccounts(60)
			.withCredentials("audit-client", CLIENT_SECRET)
			.withRecordRequests(true));
		Path input = work.resolve("accounts.csv");
		SandboxFleet.of(server.settings()).writeInputCsv(input);
		Path policy = work.resolve("policy.yml");
		Files.writeString(policy, Files.readString(Path.of("jobs", "sandbox.yml"), StandardCharsets.UTF_8)
			.replace("tool-timeout: 2s", "tool-timeout: 500ms"), StandardCharsets.UTF_8);
		run = AuditApp.run("--policy=" + policy, "--input=" + input, "--reports-dir=" + work.resolve("reports"),
				"--audit.data-dir=" + work.resolve("data"), "--SCALEKIT_ENVIRONMENT_URL=" + server.baseUrl(),
				"--SCALEKIT_CLIENT_ID=audit-client", "--SCALEKIT_CLIENT_SECRET=" + CLIENT_SECRET, "--debug",
				"--logging.level.org.springframework=DEBUG", "--logging.level.dev.healthaudit=DEBUG");
		latest = work.resolve("reports").resolve("latest");
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void theSecretsWereReallyInPlay() throws IOException {
		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.output()).as("DEBUG logging was on").contains("DEBUG");
		assertThat(server.requests()).anySatisfy((request) -> assertThat(request.body()).contains("0xC0FFEE"));
		assertThat(links()).isNotEmpty();
	}

	@Test
	void noSecretInTheLogOutput() throws IOException {
		assertThat(run.output()).doesNotContain(CLIENT_SECRET)
			.doesNotContain("0xC0FFEE")
			.doesNotContain(SandboxTokens.ACCESS_TOKEN_MARKER)
			.doesNotContain(SandboxTokens.REFRESH_TOKEN_MARKER)
			.doesNotContain(SandboxTokens.BEARER_TOKEN_MARKER);
		for (String link : links()) {
			assertThat(run.output()).doesNotContain(link);
		}
	}

	@Test
	void noSecretInAnyReportButLinksInTheCampaignFile() throws IOException {
		List<String> links = links();
		try (Stream<Path> files = Files.walk(work.resolve("reports"))) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				String content = Files.readString(file, StandardCharsets.UTF_8);
				assertThat(content).as(file.toString())
					.doesNotContain("0xC0FFEE")
					.doesNotContain(SandboxTokens.ACCESS_TOKEN_MARKER)
					.doesNotContain(SandboxTokens.REFRESH_TOKEN_MARKER)
					.doesNotContain(SandboxTokens.BEARER_TOKEN_MARKER);
				if (!file.getFileName().toString().equals("reauth-campaign.csv")) {
					links.forEach((link) -> assertThat(content).as(file.toString()).doesNotContain(link));
				}
			}
		}
	}

	private static List<String> links() throws IOException {
		List<String> links = new ArrayList<>();
		for (CSVRecord row : FaultToleranceIntegrationTests.read(latest.resolve("reauth-campaign.csv"))) {
			if (!row.get("authorization_link").isEmpty()) {
				links.add(row.get("authorization_link"));
			}
		}
		return links;
	}

}
