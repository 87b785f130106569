package dev.healthaudit.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.healthaudit.sandbox.SandboxFleet;
import dev.healthaudit.sandbox.SandboxServer;
import dev.healthaudit.sandbox.SandboxSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reports directory that cannot take the reports is found at start-up, before any API
 * call: exit 2 with one message naming it, instead of after the whole audit.
 */
class ReportDirectoryIntegrationTests {

	@TempDir
	Path work;

	@Test
	void reportsDirectoryThatCannotBeCreatedExitsTwoBeforeAnyApiCall() throws IOException {
		Path blocker = Files.writeString(this.work.resolve("blocker"), "a file where a directory should be");
		Path reports = blocker.resolve("reports");
		try (SandboxServer server = SandboxServer.start(SandboxSettings.defaults().withAccounts(20))) {
			AuditApp.Result result = AuditApp.run(arguments(server, reports));
			assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
			assertThat(result.output()).contains("cannot create the reports directory " + reports.toAbsolutePath())
				.doesNotContain("\tat ");
			assertThat(server.requestCount("POST", "/oauth/token")).isZero();
			assertThat(server.requestCount("GET", "/api/v1/connected_accounts/auth")).isZero();
		}
	}

	@Test
	void latestThatIsADirectoryExitsTwoBeforeAnyApiCallAndIsKept() throws IOException {
		Path reports = Files.createDirectories(this.work.resolve("reports"));
		Path latest = Files.createDirectories(reports.resolve("latest"));
		Files.writeString(latest.resolve("accounts.csv"), "a copy someone made");
		try (SandboxServer server = SandboxServer.start(SandboxSettings.defaults().withAccounts(20))) {
			AuditApp.Result result = AuditApp.run(arguments(server, reports));
			assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
			assertThat(result.output()).contains(latest.toAbsolutePath() + " is a directory, not the symbolic link")
				.doesNotContain("\tat ");
			assertThat(server.requestCount("POST", "/oauth/token")).isZero();
		}
		assertThat(Files.readString(latest.resolve("accounts.csv"))).isEqualTo("a copy someone made");
	}

	private String[] arguments(SandboxServer server, Path reports) throws IOException {
		Path input = this.work.resolve("accounts.csv");
		SandboxFleet.of(server.settings()).writeInputCsv(input);
		return new String[] { "--policy=" + Path.of("jobs", "sandbox.yml").toAbsolutePath(), "--input=" + input,
				"--reports-dir=" + reports, "--audit.data-dir=" + this.work.resolve("data"),
				"--SCALEKIT_ENVIRONMENT_URL=" + server.baseUrl(),
				"--SCALEKIT_CLIENT_ID=" + server.settings().clientId(),
				"--SCALEKIT_CLIENT_SECRET=" + server.settings().clientSecret() };
	}

}
