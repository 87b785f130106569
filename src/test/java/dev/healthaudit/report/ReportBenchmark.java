package dev.healthaudit.report;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.healthaudit.finding.Finding;
import dev.healthaudit.result.RunRecord;
import dev.healthaudit.result.RunRecord.RunState;
import dev.healthaudit.result.Stores;

/**
 * Times writing every report of a large run (not part of the test suite; see
 * {@code bench/report/run.sh}): inserts synthetic result rows for a previous and a
 * current run into an H2 file database, batched (the previous run's history recorded as
 * its report step would), then writes all outputs of the current run in one transaction,
 * as the job's report step does (the history of its results first), and prints rows,
 * seconds and peak heap.
 *
 * <p>
 * Arguments: {@code [rows] [directory] [reuse]}, default 1,000,000 rows under
 * {@code target/bench-report}; {@code reuse} keeps the database of the previous
 * invocation (same rows) and only times the reports again.
 */
public final class ReportBenchmark {

	private static final String[] CONNECTIONS = { "gmail", "slack", "outlook", "github" };

	private static final int BATCH = 5_000;

	/**
	 * Each connection requires {@code openid}: the rows' {@code email} grant is excess.
	 */
	private static final AccessReviewPolicy ACCESS_REVIEW = new AccessReviewPolicy(Map.of("gmail", List.of("openid"),
			"slack", List.of("openid"), "outlook", List.of("openid"), "github", List.of("openid")),
			Duration.ofDays(90));

	private ReportBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int rows = (args.length > 0) ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
		Path directory = Path.of((args.length > 1) ? args[1] : "target/bench-report").toAbsolutePath();
		boolean reuse = args.length > 2 && args[2].equals("reuse") && Files.exists(directory.resolve("bench.mv.db"));
		if (!reuse) {
			deleteRecursively(directory);
		}
		Files.createDirectories(directory);
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:file:" + directory.resolve("bench") + ";WRITE_DELAY=0");
		ReportFixture.migrate(dataSource);
		Stores stores = new Stores(dataSource);
		Instant start = Instant.parse("2026-03-02T02:00:00Z");
		RunRecord previous = run("bench-previous", start.minusSeconds(86_400));
		RunRecord current = run("bench-current", start);
		long insertStarted = System.nanoTime();
		if (!reuse) {
			stores.runs().createRun(previous);
			insert(dataSource, previous.runId(), rows, 1, start.minusSeconds(86_400));
			RunReports previousReports = new RunReports(stores, "bench", RunReports.DEFAULT_TOP)
				.withAccessReview(ACCESS_REVIEW);
			// the previous run's history, as its own report step stored it
			previousReports.recordHistory(previous);
			previousReports.summarize(previous, start.minusSeconds(80_000));
			stores.runs().finishRun(previous.runId(), RunState.COMPLETED, start.minusSeconds(80_000));
			stores.runs().createRun(current);
			insert(dataSource, current.runId(), rows, 0, start);
			System.out.printf("inserted 2 x %,d rows in %.1f s%n", rows, (System.nanoTime() - insertStarted) / 1e9);
		}

		Path output = directory.resolve("out");
		deleteRecursively(output);
		Files.createDirectories(output);
		System.gc();
		resetPeaks();
		long started = System.nanoTime();
		RunReports reports = new RunReports(stores, "bench", RunReports.DEFAULT_TOP).withAccessReview(ACCESS_REVIEW);
		// in one transaction, as the job's report step (a tasklet) writes them
		new TransactionTemplate(new DataSourceTransactionManager(dataSource))
			.executeWithoutResult((status) -> reports.write(current, start.plusSeconds(3600), output));
		double seconds = (System.nanoTime() - started) / 1e9;
		System.out.printf("rows=%d seconds=%.1f peak_heap_mb=%d max_heap_mb=%d%n", rows, seconds, peakHeap() >> 20,
				Runtime.getRuntime().maxMemory() >> 20);
		// the same work again, phase by phase, to see where the time goes
		deleteRecursively(output);
		Files.createDirectories(output);
		try (Connection connection = dataSource.getConnection()) {
			// as before the first write: recording history again after a crash would
			// delete the rows first
			connection.createStatement().executeUpdate("delete from audit_history where run_id = 'bench-current'");
		}
		long phase = System.nanoTime();
		reports.recordHistory(current);
		System.out.printf("  history (bulk insert): %.1f s%n", (System.nanoTime() - phase) / 1e9);
		phase = System.nanoTime();
		HistoryTally tally = reports.tally();
		new CsvReports(stores.results(), ACCESS_REVIEW).write(current.runId(), current.extraColumns(), output, tally);
		System.out.printf("  csv files: %.1f s%n", (System.nanoTime() - phase) / 1e9);
		phase = System.nanoTime();
		RunSummary summary = reports.summarize(current, start.plusSeconds(3600));
		System.out.printf("  aggregates: %.1f s%n", (System.nanoTime() - phase) / 1e9);
		phase = System.nanoTime();
		stores.results().aggregates().mostSevere(current.runId(), RunReports.DEFAULT_TOP);
		System.out.printf("  top-N query: %.1f s (summary %d incidents)%n", (System.nanoTime() - phase) / 1e9,
				summary.incidents().size());
		phase = System.nanoTime();
		HistorySummary history = reports.history(current.runId(), Optional.of(previous.runId()), tally);
		System.out.printf(
				"  history queries (oldest problems, campaign follow-up): %.1f s (%d asked, %d came "
						+ "back, %d unused)%n",
				(System.nanoTime() - phase) / 1e9, history.followup().total().asked(),
				history.followup().total().cameBack(), history.accessReview().total().unused());
		try (var files = Files.list(output)) {
			files.sorted()
				.forEach((file) -> System.out.printf("  %-22s %,12d bytes%n", file.getFileName(),
						file.toFile().length()));
		}
	}

	private static RunRecord run(String id, Instant startedAt) {
		return new RunRecord(id, "bench", "digest", "synthetic", false, List.of("email", "org_id"), RunState.RUNNING,
				startedAt, Optional.empty());
	}

	/**
	 * Synthetic rows: about 80 % healthy, the rest spread over the problem findings, a
	 * few incidents.
	 */
	private static void insert(JdbcDataSource dataSource, String runId, int rows, int shift, Instant start)
			throws Exception {
		Finding[] findings = Finding.values();
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (PreparedStatement insert = connection.prepareStatement("insert into audit_result (run_id, "
					+ "connection_name, identifier, input_line, account_id, status, health, findings, missing_scopes, "
					+ "granted_scopes, probe_tool, probe_outcome, http_status, error_code, detail, recommended_action, "
					+ "incident, checked_at, extras, authorization_link, link_expires_at, last_used_at) values (?, ?, "
					+ "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
				for (int i = 0; i < rows; i++) {
					int bucket = (i * 7 + shift * 3) % 100;
					Finding health = (bucket < 78) ? Finding.HEALTHY
							: (bucket < 80) ? Finding.REFRESHED : findings[(bucket - 80) % 12];
					String connectionName = CONNECTIONS[i % CONNECTIONS.length];
					boolean incident = health == Finding.CONNECTION_MISCONFIGURED;
					String allFindings = (health == Finding.EXPIRED) ? "EXPIRED;UNDER_SCOPED" : health.name();
					insert.setString(1, runId);
					insert.setString(2, connectionName);
					insert.setString(3, "user" + i + "@example.com");
					insert.setLong(4, i + 2);
					insert.setString(5, "ca_" + i);
					insert.setString(6, "ACTIVE");
					insert.setString(7, health.name());
					insert.setString(8, allFindings);
					insert.setString(9, "");
					insert.setString(10, "openid;email");
					insert.setString(11, "probe_tool");
					insert.setString(12, "SUCCEEDED");
					insert.setInt(13, health.isProblem() ? 401 : 200);
					insert.setString(14, health.isProblem() ? "TOOL_ERROR" : "");
					insert.setString(15, health.isProblem() ? "provider said no for account " + i : "");
					insert.setString(16, "an action");
					insert.setString(17, incident ? "invalid_client" : "");
					insert.setTimestamp(18, Timestamp.from(start.plusMillis(i)));
					insert.setString(19,
							"{\"email\":\"user" + i + "@example.com\",\"org_id\":\"org-" + (i % 50) + "\"}");
					insert.setString(20, health.fixedByAuthorizationLink() ? "https://link.example/" + i : null);
					insert.setTimestamp(21,
							health.fixedByAuthorizationLink() ? Timestamp.from(start.plusSeconds(604_800)) : null);
					// a third used since the night before, the others showing only the
					// previous run's probe
					insert.setTimestamp(22, Timestamp.from((i % 3 == 0) ? start.minusSeconds(3_600 + i % 40_000)
							: start.minusSeconds(86_400 + (i % 200) * 86_400L)));
					insert.addBatch();
					if ((i + 1) % BATCH == 0) {
						insert.executeBatch();
						connection.commit();
					}
				}
				insert.executeBatch();
				connection.commit();
			}
		}
	}

	private static void resetPeaks() {
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			pool.resetPeakUsage();
		}
	}

	/**
	 * Sum of the heap pools' peaks: an upper bound of the heap in use at any one time.
	 */
	private static long peakHeap() {
		return ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.mapToLong((pool) -> pool.getPeakUsage().getUsed())
			.sum();
	}

	private static void deleteRecursively(Path path) throws Exception {
		if (!Files.exists(path)) {
			return;
		}
		try (var paths = Files.walk(path)) {
			for (Path each : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(each);
			}
		}
	}

}
