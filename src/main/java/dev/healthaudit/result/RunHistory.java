package dev.healthaudit.result;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import dev.healthaudit.finding.Finding;
import dev.healthaudit.result.CampaignFollowup.Counts;
import dev.healthaudit.result.CampaignFollowup.Outcome;

/**
 * A run's results against the previous completed run of the same policy: problem age,
 * campaign follow-up and the last real use of each grant. Everything is computed by the
 * database in bulk, never a query per account. The counts that come from every result
 * (problem ages, the access review) are tallied by the reports as they stream the
 * results.
 *
 * <p>
 * {@link #record} writes one row per result of the run into {@code audit_history},
 * computed from the same account's row of the previous completed run there (found by
 * primary key), with set-based INSERT ... SELECT statements over ranges of input lines
 * (none holds more than {@value #LINES_PER_STATEMENT} lines' rows). Narrow rows inserted,
 * not the wide results updated: an update rewrites a whole result and its index entries,
 * several times slower at a million rows. It runs once, when the run's reports are
 * written, over all the run's results: a sharded or resumed run gets the same values as a
 * single one. It replaces what an earlier attempt wrote (the previous run does not
 * change, so reports written again after a crash get the same values). The previous run's
 * rows were written when its reports were; a previous run from before history has its
 * rows written first, as the start of every series.
 *
 * <p>
 * The rules, where P is the account's row in the previous completed run (if any):
 * <ul>
 * <li>{@code previous_health}: P's health; empty without P.</li>
 * <li>{@code health_since}: P's {@code health_since} when P had the same health, else
 * this result's {@code checked_at}.</li>
 * <li>{@code times_asked}: 0 when the account is not in this run's campaign (its health
 * is not one its user must fix); else P's {@code times_asked} + 1 when P was in the
 * campaign too, else 1.</li>
 * <li>{@code last_real_use}: Scalekit's {@code last_used_at} moves with every tool call,
 * this job's probes included. Each result keeps the value read before its own probe
 * ({@code audit_result.last_used_at}). It is a real use when it is later than P's
 * {@code checked_at} plus {@link #OWN_USE_ALLOWANCE}: P's {@code checked_at} is taken
 * after every call of P's audit, so the job's own previous probe of the account cannot be
 * later (the allowance absorbs a difference between Scalekit's clock and ours). Otherwise
 * P's {@code last_real_use} is carried forward. Without P, the value read is taken as it
 * is (the history of the account starts here). A result without a reading (the account
 * was not read, or an earlier attempt of the run may have probed it) carries P's
 * forward.</li>
 * </ul>
 */
public final class RunHistory {

	/**
	 * How much later than our previous check Scalekit's last use must be to count as
	 * someone else's use.
	 */
	public static final Duration OWN_USE_ALLOWANCE = Duration.ofMinutes(1);

	/**
	 * Input lines per UPDATE statement: bounds a statement's work and its undo in the
	 * database.
	 */
	static final int LINES_PER_STATEMENT = 50_000;

	private static final String CAMPAIGN = healthIn(Finding::userMustAct);

	private static final String NOT_PROBLEM = healthIn((finding) -> !finding.isProblem());

	private static final String SEVERITY = Arrays.stream(Finding.values())
		.map((finding) -> "when '" + finding.name() + "' then " + finding.ordinal())
		.collect(Collectors.joining(" ", "case health ", " end"));

	private static final String RECORD = "insert into audit_history (run_id, connection_name, identifier, health, "
			+ "checked_at, previous_health, health_since, times_asked, last_real_use) select c.run_id, "
			+ "c.connection_name, c.identifier, c.health, c.checked_at, p.health, case when p.health = c.health then "
			+ "p.health_since else c.checked_at end, case when c.health in " + CAMPAIGN
			+ " then (case when p.health in " + CAMPAIGN + " then p.times_asked + 1 else 1 end) else 0 end, "
			+ "case when p.run_id is null then " + "c.last_used_at when c.last_used_at > p.checked_at + interval '"
			+ OWN_USE_ALLOWANCE.toSeconds()
			+ "' second then c.last_used_at else p.last_real_use end from audit_result c left join audit_history p on "
			+ "p.run_id = ? and p.connection_name = c.connection_name and p.identifier = c.identifier where "
			+ "c.run_id = ? and c.input_line >= ? and c.input_line < ?";

	/** This run's rows of {@code audit_result} and {@code audit_history} side by side. */
	static final String RESULTS_WITH_HISTORY = "select r.*, h.previous_health, h.health_since, h.times_asked, "
			+ "h.last_real_use from audit_result r left join audit_history h on h.run_id = r.run_id and "
			+ "h.connection_name = r.connection_name and h.identifier = r.identifier";

	private final JdbcTemplate jdbc;

	private final RowMapper<ResultRow> rows;

	RunHistory(JdbcTemplate jdbc, RowMapper<ResultRow> rows) {
		this.jdbc = jdbc;
		this.rows = rows;
	}

	/**
	 * Writes the history of every result of {@code runId} from the history of
	 * {@code previousRunId}, the previous completed run of the same policy (empty: there
	 * is none, every history starts here). Joins the caller's transaction.
	 */
	public void record(String runId, Optional<String> previousRunId) {
		if (previousRunId.isPresent() && !recorded(previousRunId.get())) {
			// a run from before history: its results are where every series starts
			record(previousRunId.get(), Optional.empty());
		}
		this.jdbc.update("delete from audit_history where run_id = ?", runId);
		Map<String, Object> range = this.jdbc
			.queryForMap("select min(input_line) as first_line, max(input_line) as last_line from audit_result "
					+ "where run_id = ?", runId);
		if (range.get("first_line") == null) {
			return;
		}
		long first = ((Number) range.get("first_line")).longValue();
		long last = ((Number) range.get("last_line")).longValue();
		// without a previous run, a run id no run has: every account starts its history
		String previous = previousRunId.orElse("");
		for (long from = first; from <= last; from += LINES_PER_STATEMENT) {
			this.jdbc.update(RECORD, previous, runId, from, from + LINES_PER_STATEMENT);
		}
	}

	private boolean recorded(String runId) {
		return !this.jdbc
			.queryForList("select 1 from audit_history where run_id = ? fetch first 1 rows only", Integer.class, runId)
			.isEmpty()
				|| this.jdbc
					.queryForList("select 1 from audit_result where run_id = ? fetch first 1 rows only", Integer.class,
							runId)
					.isEmpty();
	}

	/**
	 * The {@code limit} problem accounts whose health is oldest (then most severe, by
	 * connection, identifier): the narrow history rows are sorted, then only those
	 * accounts' results are read.
	 */
	public List<ResultRow> oldestProblems(String runId, int limit) {
		List<List<String>> keys = this.jdbc.query(
				"select connection_name, identifier from audit_history where " + "run_id = ? and health not in "
						+ NOT_PROBLEM + " order by health_since, " + SEVERITY
						+ ", connection_name, identifier fetch first " + limit + " rows only",
				(rs, row) -> List.of(rs.getString(1), rs.getString(2)), runId);
		if (keys.isEmpty()) {
			return List.of();
		}
		List<Object> arguments = new ArrayList<>();
		arguments.add(runId);
		keys.forEach(arguments::addAll);
		Map<List<String>, ResultRow> found = new HashMap<>();
		this.jdbc.query(RESULTS_WITH_HISTORY + " where r.run_id = ? and (r.connection_name, r.identifier) in ("
				+ String.join(", ", Collections.nCopies(keys.size(), "(?, ?)")) + ")", (ResultSet rs) -> {
					ResultRow row = this.rows.mapRow(rs, 0);
					found.put(List.of(row.connectionName(), row.identifier()), row);
				}, arguments.toArray());
		return keys.stream().map(found::get).filter(Objects::nonNull).toList();
	}

	/**
	 * What became of the accounts in the campaign of {@code previousRunId}: each is
	 * paired with the same account in this run by primary key, and the pairs are grouped
	 * by (connection, health then, health now): few groups.
	 */
	public CampaignFollowup followup(String runId, Optional<String> previousRunId) {
		if (previousRunId.isEmpty()) {
			return new CampaignFollowup(Optional.empty(), Counts.NONE, Map.of(), Map.of());
		}
		Counts[] total = { Counts.NONE };
		Map<Finding, Counts> byReason = new EnumMap<>(Finding.class);
		Map<String, Counts> byConnection = new TreeMap<>();
		this.jdbc.query("select p.connection_name, p.health, c.health, count(*) from audit_history p left join "
				+ "audit_history c on c.run_id = ? and c.connection_name = p.connection_name and c.identifier = "
				+ "p.identifier where p.run_id = ? and p.health in " + CAMPAIGN
				+ " group by p.connection_name, p.health, c.health", (ResultSet rs) -> {
					Outcome outcome = Outcome.of(Optional.ofNullable(rs.getString(3)).map(Finding::valueOf));
					long count = rs.getLong(4);
					total[0] = total[0].plus(outcome, count);
					byReason.merge(Finding.valueOf(rs.getString(2)), Counts.NONE.plus(outcome, count), RunHistory::sum);
					byConnection.merge(rs.getString(1), Counts.NONE.plus(outcome, count), RunHistory::sum);
				}, runId, previousRunId.get());
		return new CampaignFollowup(previousRunId, total[0], byReason, byConnection);
	}

	private static Counts sum(Counts a, Counts b) {
		return new Counts(a.asked() + b.asked(), a.cameBack() + b.cameBack(), a.stillNeeded() + b.stillNeeded(),
				a.notAudited() + b.notAudited(), a.other() + b.other());
	}

	/**
	 * The history of the current row of a query of {@link #RESULTS_WITH_HISTORY}; what it
	 * would be when the run's history was not recorded yet.
	 */
	static RowHistory rowHistory(ResultSet rs) throws SQLException {
		Instant checkedAt = rs.getTimestamp("checked_at").toInstant();
		Finding health = Finding.valueOf(rs.getString("health"));
		Timestamp since = rs.getTimestamp("health_since");
		if (since == null) {
			return RowHistory.startingAt(checkedAt, health.userMustAct());
		}
		return new RowHistory(since.toInstant(),
				Optional.ofNullable(rs.getString("previous_health")).map(Finding::valueOf), rs.getInt("times_asked"),
				Optional.ofNullable(rs.getTimestamp("last_real_use")).map(Timestamp::toInstant));
	}

	private static String healthIn(Predicate<Finding> predicate) {
		return Arrays.stream(Finding.values())
			.filter(predicate)
			.map((finding) -> "'" + finding.name() + "'")
			.collect(Collectors.joining(", ", "(", ")"));
	}

}
