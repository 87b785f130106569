package dev.healthaudit.result;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

import dev.healthaudit.account.AccountRef;
import dev.healthaudit.probe.DeferredAudit;
import dev.healthaudit.ratelimit.AttemptTally;

/**
 * The deferral queue of each shard (accounts waiting for another attempt after a
 * transient failure) and the first pass's input checkpoint. Deferrals are stored and
 * ended by {@link ResultStore#save}, with the chunk that decided them. Thread-safe;
 * writes join the caller's transaction.
 */
public final class DeferralStore {

	private static final TypeReference<LinkedHashMap<String, String>> EXTRAS = new TypeReference<>() {
	};

	private static final String INSERT = "insert into audit_deferred (run_id, shard, input_line, connection_name, "
			+ "identifier, extras, attempts, pace_refusals, not_before, reason) values (:runId, :shard, :line, "
			+ ":connectionName, :identifier, :extras, :attempts, :paceRefusals, :notBefore, :reason)";

	private static final Upsert CHECKPOINT = new Upsert(
			"update audit_checkpoint set input_position = :position where run_id = :runId and shard = :shard",
			"insert into audit_checkpoint (run_id, shard, input_position) values (:runId, :shard, :position)");

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	private final JsonMapper json = JsonMapper.builder().build();

	DeferralStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.named = new NamedParameterJdbcTemplate(jdbc);
	}

	/**
	 * The shard's deferred accounts due by {@code horizon} after input line
	 * {@code afterLine}, in input order, at most {@code limit}: a pass reads them page by
	 * page while its chunks delete the ones they store (or rewrite them, due after the
	 * horizon, for another attempt).
	 */
	public List<DeferredAudit> deferred(String runId, String shard, Instant horizon, long afterLine, int limit) {
		return this.jdbc.query(
				"select input_line, connection_name, identifier, extras, attempts, pace_refusals, not_before, reason "
						+ "from audit_deferred where run_id = ? and shard = ? and not_before <= ? and input_line > ? "
						+ "order by input_line fetch first ? rows only",
				this::deferredAudit, runId, shard, Timestamp.from(horizon), afterLine, limit);
	}

	/** When the shard's next deferred account is due, if any is left. */
	public Optional<Instant> nextDeferredDue(String runId, String shard) {
		return Optional.ofNullable(
				this.jdbc.queryForObject("select min(not_before) from audit_deferred where run_id = ? and shard = ?",
						Timestamp.class, runId, shard))
			.map(Timestamp::toInstant);
	}

	public long countDeferred(String runId, String shard) {
		return this.jdbc.queryForObject("select count(*) from audit_deferred where run_id = ? and shard = ?",
				Long.class, runId, shard);
	}

	/**
	 * Records the first pass's input position; in the chunk's transaction, so it is
	 * committed with the chunk.
	 */
	public void saveCheckpoint(String runId, String shard, long position) {
		CHECKPOINT.apply(this.named, Map.of("runId", runId, "shard", shard, "position", position));
	}

	/**
	 * The input position of the shard's last committed chunk, if any chunk was committed.
	 */
	public Optional<Long> checkpoint(String runId, String shard) {
		return this.jdbc
			.queryForList("select input_position from audit_checkpoint where run_id = ? and shard = ?", Long.class,
					runId, shard)
			.stream()
			.findFirst();
	}

	/**
	 * Deletes the deferrals of these lines (a second attempt's outcome, or a first pass
	 * replayed). Only lines whose account the run already held are given, so a first pass
	 * over fresh accounts deletes nothing.
	 */
	void end(String runId, String shard, List<Long> lines) {
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

	/** Queues accounts for another attempt by the shard. */
	void insert(String runId, String shard, List<DeferredAudit> deferred) {
		if (deferred.isEmpty()) {
			return;
		}
		this.named.batchUpdate(INSERT,
				deferred.stream()
					.map((attempt) -> parameters(runId, shard, attempt))
					.toArray(SqlParameterSource[]::new));
	}

	private SqlParameterSource parameters(String runId, String shard, DeferredAudit attempt) {
		AccountRef account = attempt.account();
		return new MapSqlParameterSource().addValue("runId", runId)
			.addValue("shard", shard)
			.addValue("line", account.line())
			.addValue("connectionName", account.connectionName())
			.addValue("identifier", account.identifier())
			.addValue("extras", this.json.writeValueAsString(account.extras()))
			.addValue("attempts", attempt.attempts().failures())
			.addValue("paceRefusals", attempt.attempts().paceRefusals())
			.addValue("notBefore", Timestamp.from(attempt.notBefore()))
			.addValue("reason", attempt.reason());
	}

	private DeferredAudit deferredAudit(ResultSet rs, int row) throws SQLException {
		AccountRef account = new AccountRef(rs.getString("connection_name"), rs.getString("identifier"),
				rs.getLong("input_line"), this.json.readValue(rs.getString("extras"), EXTRAS));
		return new DeferredAudit(account, new AttemptTally(rs.getInt("attempts"), rs.getInt("pace_refusals")),
				rs.getTimestamp("not_before").toInstant(), rs.getString("reason"));
	}

}
