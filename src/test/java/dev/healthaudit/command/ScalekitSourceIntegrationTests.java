package dev.healthaudit.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.healthaudit.report.CsvReports;
import dev.healthaudit.sandbox.SandboxFleet;
import dev.healthaudit.sandbox.SandboxSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A policy whose source is the Scalekit list API: every listed account is audited exactly
 * once, nothing else, whole or in shards, and no output names a column twice.
 */
class ScalekitSourceIntegrationTests {

	@TempDir
	Path work;

	@Test
	void auditsEveryListedAccountOfTheChosenConnectionsOnce() throws Exception {
		AuditApp.Result result = AuditApp.run(array(arguments(policy("[gmail, github]"), 60, "data")));

		assertThat(result.exitCode()).as(result.output()).isZero();
		Path latest = this.work.resolve("reports/latest");
		List<String> expected = ReportChecks.fleetKeys(fleet(60), List.of("gmail", "github"));
		ReportChecks.assertAccountsExactly(latest, expected);
		assertThat(ReportChecks.header(latest.resolve("accounts.csv")))
			.containsExactlyElementsOf(withProvider(CsvReports.ACCOUNT_COLUMNS));
		ReportChecks.assertHeadersUnique(latest);
		assertThat(ReportChecks.rows(latest.resolve("accounts.csv")))
			.noneSatisfy((row) -> assertThat(row.get("health")).isEqualTo("NOT_FOUND"));
		assertThat(ReportChecks.rows(latest.resolve("rejects.csv"))).isEmpty();
		assertThat(result.output()).contains("Audited " + expected.size() + " accounts (0 input rows rejected)");
	}

	@Test
	void auditsEveryAccountOfAllConnectionsOnce() throws Exception {
		// 240 accounts in three pages: they all sat on line 0, and all but one were
		// dropped as "the same line twice"
		AuditApp.Result result = AuditApp.run(array(arguments(policy(null), 240, "data")));

		assertThat(result.exitCode()).as(result.output()).isZero();
		Path latest = this.work.resolve("reports/latest");
		ReportChecks.assertAccountsExactly(latest, ReportChecks.fleetKeys(fleet(240), List.of()));
		ReportChecks.assertHeadersUnique(latest);
		assertThat(ReportChecks.rows(latest.resolve("rejects.csv"))).isEmpty();
		assertThat(result.output()).contains("Audited 240 accounts (0 input rows rejected)");
	}

	@Test
	void twoShardsOfTheListAuditEveryAccountOnceBetweenThem() throws Exception {
		Path policy = policy(null);
		// one after the other on one H2 file: the second to finish writes the report of
		// the whole run
		AuditApp.Result first = AuditApp.run(sharded(arguments(policy, 120, "data"), 0));
		assertThat(first.exitCode()).as(first.output()).isZero();
		assertThat(first.output()).contains("the last shard of run sandbox-list writes the report");
		AuditApp.Result second = AuditApp.run(sharded(arguments(policy, 120, "data"), 1));
		assertThat(second.exitCode()).as(second.output()).isZero();

		Path reports = this.work.resolve("reports/sandbox-list");
		ReportChecks.assertAccountsExactly(reports, ReportChecks.fleetKeys(fleet(120), List.of()));
		ReportChecks.assertHeadersUnique(reports);
		assertThat(ReportChecks.rows(reports.resolve("rejects.csv"))).isEmpty();
	}

	private Path policy(String connectionNames) throws IOException {
		String source = (connectionNames != null)
				? "source: { type: scalekit, connection-names: " + connectionNames + " }"
				: "source: { type: scalekit }";
		String policy = Files.readString(Path.of("jobs", "sandbox.yml"))
			.replace("source: { type: csv, path: jobs/sandbox-accounts.csv }", source);
		assertThat(policy).contains(source);
		return Files.writeString(this.work.resolve("listed.yml"), policy);
	}

	private List<String> arguments(Path policy, int accounts, String data) {
		return new ArrayList<>(List.of("--sandbox", "--policy=" + policy,
				"--reports-dir=" + this.work.resolve("reports"), "--audit.data-dir=" + this.work.resolve(data),
				"--audit.sandbox.accounts=" + accounts, "--audit.sandbox.slow-probe-delay=10ms"));
	}

	private static String[] sharded(List<String> arguments, int index) {
		arguments.addAll(List.of("--shard=" + index + "/2", "--run-key=list"));
		return arguments.toArray(String[]::new);
	}

	private static String[] array(List<String> arguments) {
		return arguments.toArray(String[]::new);
	}

	private static List<String> withProvider(List<String> columns) {
		List<String> header = new ArrayList<>(columns);
		header.add("provider");
		return header;
	}

	private static SandboxFleet fleet(int accounts) {
		return SandboxFleet.of(SandboxSettings.defaults().withAccounts(accounts));
	}

}
