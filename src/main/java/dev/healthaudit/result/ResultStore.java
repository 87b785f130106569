package dev.healthaudit.result;

import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.transaction.PlatformTransactionManager;

import dev.healthaudit.account.RejectedInput;
import dev.healthaudit.probe.AuditResult;
import dev.healthaudit.probe.DeferredAudit;
import dev.healthaudit.result.DuplicateDetector.Key;
import dev.healthaudit.result.DuplicateDetector.Screened;

/**
 * A run's results and rejects: saved a chunk at a time (with the chunk's deferrals,
 * {@link DeferralStore}), read back as streams in input order for the reports.
 * Thread-safe; writes join the caller's transaction.
 */
public final class ResultStore {

	private static final String WHOLE_RUN = "0/1";

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	private final DeferralStore deferrals;

	private final ResultRows rows = new ResultRows();

	private final RunAggregates aggregates;

	private final RunHistory history;

	ResultStore(JdbcTemplate jdbc, DeferralStore deferrals) {
		this.jdbc = jdbc;
		this.named = new NamedParameterJdbcTemplate(jdbc);
		this.deferrals = deferrals;
		this.aggregates = new RunAggregates(this.jdbc, (rs, row) -> this.rows.read(rs, Optional.empty()));
		this.history = new RunHistory(this.jdbc,
				(rs, row) -> this.rows.read(rs, Optional.of(RunHistory.rowHistory(rs))));
	}

	/**
	 * The history of a run's results over the previous runs of its policy, computed by
	 * the database.
	 */
	public RunHistory history() {
		return this.history;
	}

	/**
	 * The journal of one shard of a run: its results as they finish, durable before their
	 * chunk commits.
	 */
	public ResultJournal journal(String runId, String shard, PlatformTransactionManager transactions) {
		return new ResultJournal(this.jdbc, transactions, runId, shard);
	}

	/** The figures of a run, computed by the database. */
	public RunAggregates aggregates() {
		return this.aggregates;
	}

	/**
	 * Stores results and rejects of a run that is not sharded and defers nothing
	 * (fixtures, tools).
	 */
	public StoredChunk save(String runId, List<AuditResult> results, List<RejectedInput> rejects) {
		return save(runId, WHOLE_RUN, results, rejects, List.of());
	}

	/**
	 * Stores a chunk: results, rejects and accounts deferred to another attempt. An
	 * account that an earlier input line already holds (as a result or a deferral) is
	 * turned into a reject ({@code duplicate of line N}); a replay of the same line after
	 * a restart overwrites its own row ({@link DuplicateDetector}). A stored result or
	 * reject ends its line's deferral.
	 * @param shard the shard that will attempt the deferred accounts again ({@code i/n},
	 * {@code 0/1} when whole)
	 * @return what was stored, duplicates counted as rejects
	 */
	public StoredChunk save(String runId, String shard, List<AuditResult> results, List<RejectedInput> rejects,
			List<DeferredAudit> deferred) {
		Map<Key, Long> storedLines = storedLines(runId, DuplicateDetector.accounts(results, deferred));
		Screened chunk = DuplicateDetector.screen(results, rejects, deferred, storedLines);
		this.deferrals.end(runId, shard, chunk.heldLines());
		insertResults(runId, chunk.results());
		insertRejects(runId, chunk.rejects());
		this.deferrals.insert(runId, shard, chunk.deferred());
		return new StoredChunk(chunk.results().size(), chunk.rejects().size(), chunk.deferred().size());
	}

	/**
	 * The first input line that holds each of these accounts in the run: a stored result
	 * or a deferral.
	 */
	private Map<Key, Long> storedLines(String runId, Set<Key> accounts) {
		Map<Key, Long> lines = new LinkedHashMap<>();
		for (Key account : accounts) {
			this.jdbc
				.queryForList("select min(input_line) from (select input_line from audit_result where run_id = ? and "
						+ "connection_name = ? and identifier = ? union all select input_line from audit_deferred "
						+ "where run_id = ? and connection_name = ? and identifier = ?) held", Long.class, runId,
						account.connectionName(), account.identifier(), runId, account.connectionName(),
						account.identifier())
				.stream()
				.filter(Objects::nonNull)
				.findFirst()
				.ifPresent((line) -> lines.put(account, line));
		}
		return lines;
	}

	private void insertResults(String runId, List<AuditResult> results) {
		if (results.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate("delete from audit_result where run_id = ? and connection_name = ? and identifier = ?",
				results, results.size(), (ps, result) -> {
					ps.setString(1, runId);
					ps.setString(2, result.account().connectionName());
					ps.setString(3, result.account().identifier());
				});
		this.named.batchUpdate(ResultRows.INSERT,
				results.stream()
					.map((result) -> this.rows.parameters(runId, result))
					.toArray(SqlParameterSource[]::new));
	}

	private void insertRejects(String runId, List<RejectedInput> rejects) {
		if (rejects.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate("delete from audit_reject where run_id = ? and input_line = ?", rejects, rejects.size(),
				(ps, reject) -> {
					ps.setString(1, runId);
					ps.setLong(2, reject.line());
				});
		this.jdbc.batchUpdate("insert into audit_reject (run_id, input_line, reason, raw) values (?, ?, ?, ?)", rejects,
				rejects.size(), (ps, reject) -> {
					ps.setString(1, runId);
					ps.setLong(2, reject.line());
					ps.setString(3, reject.reason());
					ps.setString(4, reject.raw());
				});
	}

	/** Results and rejects stored for the run so far (all shards). */
	public long countRecorded(String runId) {
		return this.jdbc.queryForObject("select (select count(*) from audit_result where run_id = ?) + "
				+ "(select count(*) from audit_reject where run_id = ?)", Long.class, runId, runId);
	}

	public long countRejects(String runId) {
		return this.jdbc.queryForObject("select count(*) from audit_reject where run_id = ?", Long.class, runId);
	}

	/**
	 * Streams the run's results in input order, with their history ({@link RunHistory}).
	 */
	public void forEachResult(String runId, Consumer<ResultRow> action) {
		this.jdbc.query(RunHistory.RESULTS_WITH_HISTORY + " where r.run_id = ? order by r.input_line, "
				+ "r.connection_name, r.identifier", (ResultSet rs) -> {
					action.accept(this.rows.read(rs, Optional.of(RunHistory.rowHistory(rs))));
				}, runId);
	}

	/** Streams the run's rejects in input order. */
	public void forEachReject(String runId, Consumer<RejectRow> action) {
		this.jdbc.query("select input_line, reason, raw from audit_reject where run_id = ? order by input_line",
				(ResultSet rs) -> {
					action.accept(new RejectRow(rs.getLong(1), rs.getString(2), rs.getString(3)));
				}, runId);
	}

}
