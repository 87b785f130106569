package dev.healthaudit.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.healthaudit.sandbox.SandboxFleet;
import dev.healthaudit.sandbox.SandboxSettings;
import dev.healthaudit.support.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job, a second run and the reports on a real PostgreSQL server (the same migrations
 * as on H2).
 */
class PostgresIntegrationTests {

	@TempDir
	Path work;

	@Test
	void auditsAndReportsOnPostgres() throws Exception {
		List<String> args = new ArrayList<>(List.of("--sandbox", "--reports-dir=" + this.work.resolve("reports"),
				"--audit.data-dir=" + this.work.resolve("data"), "--audit.sandbox.slow-probe-delay=10ms"));
		args.addAll(TestPostgres.newDatabaseArguments());
		AuditApp.Result first = AuditApp.run(args.toArray(String[]::new));
		assertThat(first.exitCode()).as(first.output()).isZero();
		SandboxFleet fleet = SandboxFleet.of(SandboxSettings.defaults());
		int total = fleet.accounts().size() + fleet.unknownIdentifiers().size();
		assertThat(Files.readAllLines(this.work.resolve("reports/latest/accounts.csv"))).hasSize(total + 1);
		assertThat(Files.exists(this.work.resolve("data/audit.mv.db"))).as("no H2 file when PostgreSQL is used")
			.isFalse();

		AuditApp.Result second = AuditApp.run(args.toArray(String[]::new));
		assertThat(second.exitCode()).as(second.output()).isZero();
		assertThat(second.output()).contains("starting run ");
		try (var runs = Files.list(this.work.resolve("reports"))) {
			assertThat(runs.filter((path) -> !path.getFileName().toString().equals("latest"))).hasSize(2);
		}
	}

}
