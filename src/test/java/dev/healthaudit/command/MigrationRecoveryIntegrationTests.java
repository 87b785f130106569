package dev.healthaudit.command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A start whose migrations failed half-way (the disk filled up during the first start's
 * migration: H2 applies DDL outside transactions, so the statements before the failure
 * stay) does not leave the database broken: the next start completes the migrations and
 * audits. Simulated with Flyway itself, on a migration that fails after its first
 * statement, both with the failure recorded in the schema history (as Flyway does) and
 * without (no room to record it).
 */
class MigrationRecoveryIntegrationTests {

	private static final List<String> MIGRATIONS = List.of("V1__results.sql", "V2__run_stats.sql", "V3__run_lease.sql",
			"V4__run_shards.sql", "V5__rate_budget_buckets.sql", "V6__deferred_accounts.sql");

	@TempDir
	Path work;

	@Test
	void migrationThatFailedHalfWayAndWasRecordedAsFailedIsCompletedByTheNextStart() throws Exception {
		Path data = this.work.resolve("data");
		failHalfWayThrough("V6__deferred_accounts.sql", data);
		assertThat(history(data)).contains("6 false");

		AuditApp.Result result = audit(data);
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("migration 6 (deferred accounts) failed on an earlier start");
		assertThat(history(data)).contains("6 true").doesNotContain("6 false");
	}

	@Test
	void migrationThatFailedHalfWayWithoutRoomToRecordItIsCompletedByTheNextStart() throws Exception {
		Path data = this.work.resolve("data");
		failHalfWayThrough("V6__deferred_accounts.sql", data);
		// the disk was full: the failure never reached the schema history, only the first
		// statement's table did
		execute(data, "delete from \"flyway_schema_history\" where \"success\" = false");
		assertThat(history(data)).containsExactly("1 true", "2 true", "3 true", "4 true", "5 true");

		AuditApp.Result result = audit(data);
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(history(data)).contains("6 true");
	}

	@Test
	void firstMigrationFailedHalfWayIsCompletedToo() throws Exception {
		Path data = this.work.resolve("data");
		failHalfWayThrough("V1__results.sql", data);

		AuditApp.Result result = audit(data);
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(history(data)).containsExactly("1 true", "2 true", "3 true", "4 true", "5 true", "6 true", "7 true",
				"20 true", "21 true");
	}

	@Test
	void databaseMigratedByAnEarlierVersionStartsAndRecordsTheIdempotentForm() throws Exception {
		Path data = this.work.resolve("data");
		// V1 to V6 as versions before the idempotent form shipped them
		Flyway.configure().dataSource(url(data), "sa", "").locations("classpath:db/earlier-migration").load().migrate();
		assertThat(checksums(data)).containsExactlyElementsOf(RecoveringMigration.EARLIER_CHECKSUMS.entrySet()
			.stream()
			.sorted(java.util.Map.Entry.comparingByKey())
			.map(java.util.Map.Entry::getValue)
			.toList());

		AuditApp.Result result = audit(data);
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("recording the idempotent form of migrations 1, 2, 3, 4, 5, 6");
		assertThat(checksums(data)).doesNotContainAnyElementsOf(RecoveringMigration.EARLIER_CHECKSUMS.values());
		assertThat(audit(data).output()).doesNotContain("recording the idempotent form");
	}

	@Test
	void aMigrationChangedOtherwiseStillFailsValidation() throws Exception {
		Path data = this.work.resolve("data");
		Flyway.configure().dataSource(url(data), "sa", "").locations("classpath:db/migration").load().migrate();
		execute(data, "update \"flyway_schema_history\" set \"checksum\" = 42 where \"version\" = '3'");

		AuditApp.Result result = audit(data);
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.output()).contains("Migration checksum mismatch for migration version 3");
		assertThat(checksums(data).get(2)).as("not repaired").isEqualTo(42);
	}

	/**
	 * Runs the real migrations up to {@code failing}, then {@code failing} itself up to
	 * its first statement followed by one that fails, as a first start does when the disk
	 * fills up there.
	 */
	private void failHalfWayThrough(String failing, Path data) throws IOException {
		Path scripts = Files.createDirectories(this.work.resolve("half-applied"));
		for (String name : MIGRATIONS.subList(0, MIGRATIONS.indexOf(failing) + 1)) {
			String sql = migration(name);
			if (name.equals(failing)) {
				sql = sql.substring(0, sql.indexOf(';') + 1) + "\ninsert into no_such_table values (1);\n";
			}
			Files.writeString(scripts.resolve(name), sql, StandardCharsets.UTF_8);
		}
		Flyway flyway = Flyway.configure().dataSource(url(data), "sa", "").locations("filesystem:" + scripts).load();
		assertThatThrownBy(flyway::migrate).isInstanceOf(FlywayException.class);
	}

	private AuditApp.Result audit(Path data) {
		return AuditApp.run("--sandbox", "--reports-dir=" + this.work.resolve("reports"), "--audit.data-dir=" + data,
				"--audit.sandbox.accounts=20", "--audit.sandbox.slow-probe-delay=10ms", "--audit.progress-interval=5s");
	}

	private static String migration(String name) throws IOException {
		try (InputStream in = MigrationRecoveryIntegrationTests.class.getResourceAsStream("/db/migration/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static String url(Path data) {
		return "jdbc:h2:file:" + data.toAbsolutePath().resolve("audit");
	}

	private static void execute(Path data, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url(data), "sa", "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static List<Integer> checksums(Path data) throws SQLException {
		List<Integer> checksums = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(url(data), "sa", "");
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("select \"checksum\" from \"flyway_schema_history\" "
						+ "where \"version\" is not null order by \"installed_rank\"")) {
			while (rs.next()) {
				checksums.add(rs.getInt(1));
			}
		}
		return checksums;
	}

	/** "version success" per migration row of the schema history, oldest first. */
	private static List<String> history(Path data) throws SQLException {
		List<String> rows = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(url(data), "sa", "");
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("select \"version\", \"success\" from \"flyway_schema_history\" "
						+ "where \"version\" is not null order by \"installed_rank\"")) {
			while (rs.next()) {
				rows.add(rs.getString(1) + " " + rs.getBoolean(2));
			}
		}
		return rows;
	}

}
