package dev.healthaudit.result;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import javax.sql.DataSource;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.transaction.PlatformTransactionManager;

import dev.healthaudit.account.AccountRef;
import dev.healthaudit.account.RejectedInput;
import dev.healthaudit.probe.AuditResult;
import dev.healthaudit.probe.DeferredAudit;
import dev.healthaudit.result.DuplicateDetector.Key;
import dev.healthaudit.result.DuplicateDetector.Screened;
import dev.healthaudit.result.RunRecord.RunState;

/** Reads and writes runs, results and rejects. Thread-safe; writes join the caller's transaction. */
public class ResultStore {

	private static final TypeReference<LinkedHashMap<String, String>> EXTRAS = new TypeReference<>() {
	};

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private static final int FETCH_SIZE = 1000;

	private static final String INSERT_DEFERRED = "insert into audit_deferred (run_id, shard, input_line, "
			+ "connection_name, identifier, extras, attempts, not_before, reason) values (:runId, :shard, :line, "
			+ ":connectionName, :identifier, :extras, :attempts, :notBefore, :reason)";

	private static final Upsert ADD_CALLS = new Upsert(
			"update audit_run_api set calls = calls + :calls where run_id = :runId and route = :route",
			"insert into audit_run_api (run_id, route, calls) values (:runId, :route, :calls)");

	private static final Upsert ADD_WAITS = new Upsert(
			"update audit_run_waits set retries = retries + :retries, rate_limit_wait_nanos = rate_limit_wait_nanos "
					+ "+ :waitNanos where run_id = :runId",
			"insert into audit_run_waits (run_id, retries, rate_limit_wait_nanos) values (:runId, :retries, "
					+ ":waitNanos)");

	private static final Upsert CHECKPOINT = new Upsert(
			"update audit_checkpoint set input_position = :position where run_id = :runId and shard = :shard",
			"insert into audit_checkpoint (run_id, shard, input_position) values (:runId, :shard, :position)");

	private static final String WHOLE_RUN = "0/1";

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	private final ResultRows rows = new ResultRows();

	private final JsonMapper json = JsonMapper.builder().build();

	private final RunAggregates aggregates;

	private final RunHistory history;

	public ResultStore(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.jdbc.setFetchSize(FETCH_SIZE);
		this.named = new NamedParameterJdbcTemplate(this.jdbc);
		this.aggregates = new RunAggregates(this.jdbc, (rs, row) -> this.rows.read(rs, Optional.empty()));
		this.history = new RunHistory(this.jdbc,
				(rs, row) -> this.rows.read(rs, Optional.of(RunHistory.rowHistory(rs))));
	}

	/** The history of a run's results over the previous runs of its policy, computed by the database. */
	public RunHistory history() {
		return this.history;
	}

	/** The journal of one shard of a run: its results as they finish, durable before their chunk commits. */
	public ResultJournal journal(String runId, String shard, PlatformTransactionManager transactions) {
		return new ResultJournal(this.jdbc, transactions, runId, shard);
	}

	/** The figures of a run, computed by the database. */
	public RunAggregates aggregates() {
		return this.aggregates;
	}

	public void createRun(RunRecord run) {
		this.jdbc.update("insert into audit_run (run_id, policy_name, policy_digest, input, sandbox, extra_columns, "
				+ "state, started_at, ended_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", run.runId(), run.policyName(),
				run.policyDigest(), run.input(), run.sandbox(), this.json.writeValueAsString(run.extraColumns()),
				run.state().name(), Timestamp.from(run.startedAt()), run.endedAt().map(Timestamp::from).orElse(null));
	}

	/**
	 * Creates the run unless another shard process already did; either way returns the stored run.
	 */
	public RunRecord createRunIfAbsent(RunRecord run) {
		try {
			createRun(run);
			return run;
		}
		catch (org.springframework.dao.DuplicateKeyException ex) {
			return findRun(run.runId()).orElseThrow();
		}
	}

	/**
	 * Creates the run's zeroed statistics rows ahead of time (each statement on its own, duplicates ignored), so that
	 * chunk writers of several shard processes only ever add to existing rows and never race to insert the same one.
	 */
	public void prepareStats(String runId, Collection<String> routes) {
		insertIgnoringDuplicate("insert into audit_run_waits (run_id, retries, rate_limit_wait_nanos) values (?, 0, 0)",
				runId);
		for (String route : routes) {
			insertIgnoringDuplicate("insert into audit_run_api (run_id, route, calls) values (?, ?, 0)", runId, route);
		}
	}

	private void insertIgnoringDuplicate(String sql, Object... arguments) {
		try {
			this.jdbc.update(sql, arguments);
		}
		catch (org.springframework.dao.DuplicateKeyException ex) {
			// another process prepared it first
		}
	}

	/** Records that one shard has audited its slice of the run (idempotent). */
	public void markShardDone(String runId, int shardIndex, int shardCount, Instant finishedAt) {
		this.jdbc.update("delete from audit_run_shard where run_id = ? and shard_index = ?", runId, shardIndex);
		this.jdbc.update("insert into audit_run_shard (run_id, shard_index, shard_count, finished_at) values "
				+ "(?, ?, ?, ?)", runId, shardIndex, shardCount, Timestamp.from(finishedAt));
	}

	/** How many shards have audited their slice. */
	public int countShardsDone(String runId) {
		return this.jdbc.queryForObject("select count(*) from audit_run_shard where run_id = ?", Integer.class, runId);
	}

	/**
	 * Locks the run's row until the caller's transaction ends and returns its state, so that of several shards
	 * finishing at once exactly one writes the report.
	 */
	public RunState lockRun(String runId) {
		return RunState.valueOf(this.jdbc.queryForObject("select state from audit_run where run_id = ? for update",
				String.class, runId));
	}

	public Optional<RunRecord> findRun(String runId) {
		return this.jdbc.query("select * from audit_run where run_id = ?", this::runRecord, runId)
			.stream()
			.findFirst();
	}

	/** The newest run of this policy that has not completed (crashed, killed or stopped). */
	public Optional<RunRecord> findUnfinished(String policyName) {
		return this.jdbc
			.query("select * from audit_run where policy_name = ? and state = ? order by started_at desc",
					this::runRecord, policyName, RunState.RUNNING.name())
			.stream()
			.findFirst();
	}

	/** The newest completed run of the same policy that started before {@code run}. */
	public Optional<RunRecord> previousCompleted(RunRecord run) {
		return this.jdbc
			.query("select * from audit_run where policy_name = ? and state = ? and run_id <> ? and started_at < ? "
					+ "order by started_at desc fetch first 1 rows only", this::runRecord, run.policyName(),
					RunState.COMPLETED.name(), run.runId(), Timestamp.from(run.startedAt()))
			.stream()
			.findFirst();
	}

	/** Adds API usage to the run's totals, in the caller's (chunk) transaction. */
	public void addApiStats(String runId, ApiStats delta) {
		if (delta.isEmpty()) {
			return;
		}
		delta.calls()
			.forEach((route, calls) -> ADD_CALLS.apply(this.named,
					Map.of("runId", runId, "route", route, "calls", calls)));
		ADD_WAITS.apply(this.named, Map.of("runId", runId, "retries", delta.retries(), "waitNanos",
				delta.rateLimitWaitNanos()));
	}

	public void finishRun(String runId, RunState state, Instant endedAt) {
		this.jdbc.update("update audit_run set state = ?, ended_at = ? where run_id = ?", state.name(),
				Timestamp.from(endedAt), runId);
	}

	/** Stores results and rejects of a run that is not sharded and defers nothing (fixtures, tools). */
	public StoredChunk save(String runId, List<AuditResult> results, List<RejectedInput> rejects) {
		return save(runId, WHOLE_RUN, results, rejects, List.of());
	}

	/**
	 * Stores a chunk: results, rejects and accounts deferred to another attempt. An account that an earlier input line
	 * already holds (as a result or a deferral) is turned into a reject ({@code duplicate of line N}); a replay of the
	 * same line after a restart overwrites its own row ({@link DuplicateDetector}). A stored result or reject ends its
	 * line's deferral.
	 * @param shard the shard that will attempt the deferred accounts again ({@code i/n}, {@code 0/1} when whole)
	 * @return what was stored, duplicates counted as rejects
	 */
	public StoredChunk save(String runId, String shard, List<AuditResult> results, List<RejectedInput> rejects,
			List<DeferredAudit> deferred) {
		Map<Key, Long> storedLines = storedLines(runId, DuplicateDetector.accounts(results, deferred));
		Screened chunk = DuplicateDetector.screen(results, rejects, deferred, storedLines);
		endDeferrals(runId, shard, chunk.heldLines());
		insertResults(runId, chunk.results());
		insertRejects(runId, chunk.rejects());
		insertDeferred(runId, shard, chunk.deferred());
		return new StoredChunk(chunk.results().size(), chunk.rejects().size(), chunk.deferred().size());
	}

	/** The first input line that holds each of these accounts in the run: a stored result or a deferral. */
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

	/**
	 * Deletes the deferrals of these lines (a second attempt's outcome, or a first pass replayed). Only lines whose
	 * account the run already held are given, so a first pass over fresh accounts deletes nothing.
	 */
	private void endDeferrals(String runId, String shard, List<Long> lines) {
		if (lines.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate("delete from audit_deferred where run_id = ? and shard = ? and input_line = ?", lines,
				lines.size(), (ps, line) -> {
					ps.setString(1, runId);
					ps.setString(2, shard);
					ps.setLong(3, line);
				});
	}

	private void insertDeferred(String runId, String shard, List<DeferredAudit> deferred) {
		if (deferred.isEmpty()) {
			return;
		}
		this.named.batchUpdate(INSERT_DEFERRED, deferred.stream()
			.map((attempt) -> deferredParameters(runId, shard, attempt))
			.toArray(SqlParameterSource[]::new));
	}

	private SqlParameterSource deferredParameters(String runId, String shard, DeferredAudit attempt) {
		AccountRef account = attempt.account();
		return new MapSqlParameterSource().addValue("runId", runId)
			.addValue("shard", shard)
			.addValue("line", account.line())
			.addValue("connectionName", account.connectionName())
			.addValue("identifier", account.identifier())
			.addValue("extras", this.json.writeValueAsString(account.extras()))
			.addValue("attempts", attempt.attempts())
			.addValue("notBefore", Timestamp.from(attempt.notBefore()))
			.addValue("reason", attempt.reason());
	}

	/**
	 * The shard's deferred accounts due by {@code horizon} after input line {@code afterLine}, in input order, at most
	 * {@code limit}: a pass reads them page by page while its chunks delete the ones they store (or rewrite them, due
	 * after the horizon, for another attempt).
	 */
	public List<DeferredAudit> deferred(String runId, String shard, Instant horizon, long afterLine, int limit) {
		return this.jdbc.query("select input_line, connection_name, identifier, extras, attempts, not_before, reason "
				+ "from audit_deferred where run_id = ? and shard = ? and not_before <= ? and input_line > ? "
				+ "order by input_line fetch first ? rows only", (rs, row) -> new DeferredAudit(
						new AccountRef(rs.getString("connection_name"), rs.getString("identifier"),
								rs.getLong("input_line"), this.json.readValue(rs.getString("extras"), EXTRAS)),
						rs.getInt("attempts"), rs.getTimestamp("not_before").toInstant(), rs.getString("reason")),
				runId, shard, Timestamp.from(horizon), afterLine, limit);
	}

	/** Records the first pass's input position; in the chunk's transaction, so it is committed with the chunk. */
	public void saveCheckpoint(String runId, String shard, long position) {
		CHECKPOINT.apply(this.named, Map.of("runId", runId, "shard", shard, "position", position));
	}

	/** The input position of the shard's last committed chunk, if any chunk was committed. */
	public Optional<Long> checkpoint(String runId, String shard) {
		return this.jdbc
			.queryForList("select input_position from audit_checkpoint where run_id = ? and shard = ?", Long.class,
					runId, shard)
			.stream()
			.findFirst();
	}

	/** When the shard's next deferred account is due, if any is left. */
	public Optional<Instant> nextDeferredDue(String runId, String shard) {
		return Optional.ofNullable(this.jdbc.queryForObject(
				"select min(not_before) from audit_deferred where run_id = ? and shard = ?", Timestamp.class, runId,
				shard))
			.map(Timestamp::toInstant);
	}

	public long countDeferred(String runId, String shard) {
		return this.jdbc.queryForObject("select count(*) from audit_deferred where run_id = ? and shard = ?",
				Long.class, runId, shard);
	}

	/** Results and rejects stored for the run so far (all shards). */
	public long countRecorded(String runId) {
		return this.jdbc.queryForObject("select (select count(*) from audit_result where run_id = ?) + "
				+ "(select count(*) from audit_reject where run_id = ?)", Long.class, runId, runId);
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
		this.named.batchUpdate(ResultRows.INSERT, results.stream()
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
		this.jdbc.batchUpdate("insert into audit_reject (run_id, input_line, reason, raw) values (?, ?, ?, ?)",
				rejects, rejects.size(), (ps, reject) -> {
					ps.setString(1, runId);
					ps.setLong(2, reject.line());
					ps.setString(3, reject.reason());
					ps.setString(4, reject.raw());
				});
	}

	/** Streams the run's results in input order, with their history ({@link RunHistory}). */
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

	public long countRejects(String runId) {
		return this.jdbc.queryForObject("select count(*) from audit_reject where run_id = ?", Long.class, runId);
	}

	private RunRecord runRecord(ResultSet rs, int row) throws SQLException {
		Timestamp ended = rs.getTimestamp("ended_at");
		return new RunRecord(rs.getString("run_id"), rs.getString("policy_name"), rs.getString("policy_digest"),
				rs.getString("input"), rs.getBoolean("sandbox"),
				this.json.readValue(rs.getString("extra_columns"), STRINGS), RunState.valueOf(rs.getString("state")),
				rs.getTimestamp("started_at").toInstant(), Optional.ofNullable(ended).map(Timestamp::toInstant));
	}

}
