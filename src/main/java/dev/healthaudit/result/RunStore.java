package dev.healthaudit.result;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import dev.healthaudit.result.RunRecord.RunState;

/**
 * Runs: their lifecycle, the shards that have audited their slice, and the API usage
 * statistics. Thread-safe; writes join the caller's transaction.
 */
public final class RunStore {

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private static final Upsert ADD_CALLS = new Upsert(
			"update audit_run_api set calls = calls + :calls where run_id = :runId and route = :route",
			"insert into audit_run_api (run_id, route, calls) values (:runId, :route, :calls)");

	private static final Upsert ADD_WAITS = new Upsert(
			"update audit_run_waits set retries = retries + :retries, rate_limit_wait_nanos = rate_limit_wait_nanos "
					+ "+ :waitNanos where run_id = :runId",
			"insert into audit_run_waits (run_id, retries, rate_limit_wait_nanos) values (:runId, :retries, "
					+ ":waitNanos)");

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	private final JsonMapper json = JsonMapper.builder().build();

	RunStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.named = new NamedParameterJdbcTemplate(jdbc);
	}

	public void createRun(RunRecord run) {
		this.jdbc.update(
				"insert into audit_run (run_id, policy_name, policy_digest, input, sandbox, extra_columns, "
						+ "state, started_at, ended_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
				run.runId(), run.policyName(), run.policyDigest(), run.input(), run.sandbox(),
				this.json.writeValueAsString(run.extraColumns()), run.state().name(), Timestamp.from(run.startedAt()),
				run.endedAt().map(Timestamp::from).orElse(null));
	}

	/**
	 * Creates the run unless another shard process already did; either way returns the
	 * stored run.
	 */
	public RunRecord createRunIfAbsent(RunRecord run) {
		try {
			createRun(run);
			return run;
		}
		catch (DuplicateKeyException ex) {
			return findRun(run.runId()).orElseThrow();
		}
	}

	/**
	 * Creates the run's zeroed statistics rows ahead of time (each statement on its own,
	 * duplicates ignored), so that chunk writers of several shard processes only ever add
	 * to existing rows and never race to insert the same one.
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
		catch (DuplicateKeyException ex) {
			// another process prepared it first
		}
	}

	/** Records that one shard has audited its slice of the run (idempotent). */
	public void markShardDone(String runId, int shardIndex, int shardCount, Instant finishedAt) {
		this.jdbc.update("delete from audit_run_shard where run_id = ? and shard_index = ?", runId, shardIndex);
		this.jdbc.update(
				"insert into audit_run_shard (run_id, shard_index, shard_count, finished_at) values " + "(?, ?, ?, ?)",
				runId, shardIndex, shardCount, Timestamp.from(finishedAt));
	}

	/** How many shards have audited their slice. */
	public int countShardsDone(String runId) {
		return this.jdbc.queryForObject("select count(*) from audit_run_shard where run_id = ?", Integer.class, runId);
	}

	/**
	 * Locks the run's row until the caller's transaction ends and returns its state, so
	 * that of several shards finishing at once exactly one writes the report.
	 */
	public RunState lockRun(String runId) {
		return RunState.valueOf(this.jdbc.queryForObject("select state from audit_run where run_id = ? for update",
				String.class, runId));
	}

	public Optional<RunRecord> findRun(String runId) {
		return this.jdbc.query("select * from audit_run where run_id = ?", this::runRecord, runId).stream().findFirst();
	}

	/**
	 * The newest run of this policy that has not completed (crashed, killed or stopped).
	 */
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
		ADD_WAITS.apply(this.named,
				Map.of("runId", runId, "retries", delta.retries(), "waitNanos", delta.rateLimitWaitNanos()));
	}

	public void finishRun(String runId, RunState state, Instant endedAt) {
		this.jdbc.update("update audit_run set state = ?, ended_at = ? where run_id = ?", state.name(),
				Timestamp.from(endedAt), runId);
	}

	private RunRecord runRecord(ResultSet rs, int row) throws SQLException {
		Timestamp ended = rs.getTimestamp("ended_at");
		return new RunRecord(rs.getString("run_id"), rs.getString("policy_name"), rs.getString("policy_digest"),
				rs.getString("input"), rs.getBoolean("sandbox"),
				this.json.readValue(rs.getString("extra_columns"), STRINGS), RunState.valueOf(rs.getString("state")),
				rs.getTimestamp("started_at").toInstant(), Optional.ofNullable(ended).map(Timestamp::toInstant));
	}

}
