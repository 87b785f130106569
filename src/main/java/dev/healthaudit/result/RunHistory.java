package dev.healthaudit.result;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import dev.healthaudit.finding.Finding;
import dev.healthaudit.result.CampaignFollowup.Counts;
import dev.healthaudit.result.CampaignFollowup.Outcome;
import dev.healthaudit.result.GrantGroup.Use;

/**
 * A run's results against the previous completed run of the same policy: problem age, campaign follow-up and the
 * last real use of each grant. Everything is computed by the database in bulk, never a query per account.
 *
 * <p>
 * {@link #record} stores, on every result of the run, four values computed from the same account's result in the
 * previous completed run (found by primary key), with set-based UPDATEs over ranges of input lines (so that no
 * statement holds more than {@value #LINES_PER_STATEMENT} lines' rows). It runs once, when the run's reports are
 * written, over all the run's results: a sharded or resumed run gets the same values as a single one. It is
 * idempotent (the previous run does not change), so reports written again after a crash get the same values. The
 * previous run's own values were stored when its reports were written, which is what lets them carry forward.
 *
 * <p>
 * The rules, where P is the account's result in the previous completed run (if any):
 * <ul>
 * <li>{@code previous_health}: P's health; empty without P.</li>
 * <li>{@code health_since}: P's {@code health_since} when P had the same health (P's {@code checked_at} when P
 * predates history), else this result's {@code checked_at}.</li>
 * <li>{@code times_asked}: 0 when the account is not in this run's campaign (its health is not one its user must
 * fix); else P's {@code times_asked} + 1 when P was in the campaign too (1 + 1 when P predates history), else 1.</li>
 * <li>{@code last_real_use}: Scalekit's {@code last_used_at} moves with every tool call, this job's probes included.
 * Each result keeps the value read before its own probe ({@code last_used_at}). It is a real use when it is later
 * than P's {@code checked_at} plus {@link #OWN_USE_ALLOWANCE}: P's {@code checked_at} is taken after every call of
 * P's audit, so the job's own previous probe of the account cannot be later (the allowance absorbs a difference
 * between Scalekit's clock and ours). Otherwise the previous {@code last_real_use} is carried forward. Without P,
 * the value read is taken as it is (the history of the account starts here). A result without a reading (the
 * account was not read, or an earlier attempt of the run may have probed it) carries P's forward.</li>
 * </ul>
 */
public final class RunHistory {

	/** How much later than our previous check Scalekit's last use must be to count as someone else's use. */
	public static final Duration OWN_USE_ALLOWANCE = Duration.ofMinutes(1);

	/** Input lines per UPDATE statement: bounds a statement's work and its undo in the database. */
	static final int LINES_PER_STATEMENT = 50_000;

	private static final String CAMPAIGN = healthIn(Finding::userMustAct);

	private static final String NOT_PROBLEM = healthIn((finding) -> !finding.isProblem());

	private static final String SEVERITY = Arrays.stream(Finding.values())
		.map((finding) -> "when '" + finding.name() + "' then " + finding.ordinal())
		.collect(Collectors.joining(" ", "case health ", " end"));

	private static final String WITH_PREVIOUS = "update audit_result c set (previous_health, health_since, "
			+ "times_asked, last_real_use) = (select p.health, case when p.health = c.health then "
			+ "coalesce(p.health_since, p.checked_at) else c.checked_at end, case when c.health in " + CAMPAIGN
			+ " then (case when p.health in " + CAMPAIGN + " then coalesce(p.times_asked, 1) + 1 else 1 end) "
			+ "else 0 end, case when c.last_used_at > p.checked_at + interval '" + OWN_USE_ALLOWANCE.toSeconds()
			+ "' second then c.last_used_at else p.last_real_use end from audit_result p where p.run_id = ? and "
			+ "p.connection_name = c.connection_name and p.identifier = c.identifier) where c.run_id = ? and "
			+ "c.input_line >= ? and c.input_line < ?";

	private static final String WITHOUT_PREVIOUS = "update audit_result set previous_health = null, health_since = "
			+ "checked_at, times_asked = case when health in " + CAMPAIGN + " then 1 else 0 end, last_real_use = "
			+ "last_used_at where run_id = ? and input_line >= ? and input_line < ?";

	private final JdbcTemplate jdbc;

	private final RowMapper<ResultRow> rows;

	RunHistory(JdbcTemplate jdbc, RowMapper<ResultRow> rows) {
		this.jdbc = jdbc;
		this.rows = rows;
	}

	/**
	 * Stores the history of every result of {@code runId} from the results of {@code previousRunId}, the previous
	 * completed run of the same policy (empty: there is none, every history starts here). Joins the caller's
	 * transaction.
	 */
	public void record(String runId, Optional<String> previousRunId) {
		Map<String, Object> range = this.jdbc
			.queryForMap("select min(input_line) as first_line, max(input_line) as last_line from audit_result "
					+ "where run_id = ?", runId);
		if (range.get("first_line") == null) {
			return;
		}
		long first = ((Number) range.get("first_line")).longValue();
		long last = ((Number) range.get("last_line")).longValue();
		for (long from = first; from <= last; from += LINES_PER_STATEMENT) {
			long to = from + LINES_PER_STATEMENT;
			if (previousRunId.isPresent()) {
				this.jdbc.update(WITH_PREVIOUS, previousRunId.get(), runId, from, to);
				// the accounts the previous run did not have: the subquery found no row and set nulls
				this.jdbc.update(WITHOUT_PREVIOUS + " and health_since is null", runId, from, to);
			}
			else {
				this.jdbc.update(WITHOUT_PREVIOUS, runId, from, to);
			}
		}
	}

	/** Problem accounts per health and {@link AgeBand}. */
	public Map<Finding, Map<AgeBand, Long>> ages(String runId) {
		Map<Finding, Map<AgeBand, Long>> ages = new EnumMap<>(Finding.class);
		this.jdbc.query("select health, band, count(*) from (select health, "
				+ AgeBand.sql("coalesce(health_since, checked_at)", "checked_at")
				+ " as band from audit_result where run_id = ? and health not in " + NOT_PROBLEM
				+ ") aged group by health, band", (ResultSet rs) -> {
					ages.computeIfAbsent(Finding.valueOf(rs.getString(1)), (health) -> new EnumMap<>(AgeBand.class))
						.put(AgeBand.valueOf(rs.getString(2)), rs.getLong(3));
				}, runId);
		return ages;
	}

	/** The {@code limit} problem accounts whose health is oldest (then most severe, by connection, identifier). */
	public List<ResultRow> oldestProblems(String runId, int limit) {
		return this.jdbc.query("select * from audit_result where run_id = ? and health not in " + NOT_PROBLEM
				+ " order by coalesce(health_since, checked_at), " + SEVERITY + ", connection_name, identifier "
				+ "fetch first " + limit + " rows only", this.rows, runId);
	}

	/**
	 * What became of the accounts in the campaign of {@code previousRunId}: each is paired with the same account in
	 * this run by primary key, and the pairs are grouped by (connection, health then, health now): few groups.
	 */
	public CampaignFollowup followup(String runId, Optional<String> previousRunId) {
		if (previousRunId.isEmpty()) {
			return new CampaignFollowup(Optional.empty(), Counts.NONE, Map.of(), Map.of());
		}
		Counts[] total = { Counts.NONE };
		Map<Finding, Counts> byReason = new EnumMap<>(Finding.class);
		Map<String, Counts> byConnection = new TreeMap<>();
		this.jdbc.query("select p.connection_name, p.health, c.health, count(*) from audit_result p left join "
				+ "audit_result c on c.run_id = ? and c.connection_name = p.connection_name and c.identifier = "
				+ "p.identifier where p.run_id = ? and p.health in " + CAMPAIGN
				+ " group by p.connection_name, p.health, c.health", (ResultSet rs) -> {
					Outcome outcome = Outcome.of(Optional.ofNullable(rs.getString(3)).map(Finding::valueOf));
					long count = rs.getLong(4);
					total[0] = total[0].plus(outcome, count);
					byReason.merge(Finding.valueOf(rs.getString(2)), Counts.NONE.plus(outcome, count),
							RunHistory::sum);
					byConnection.merge(rs.getString(1), Counts.NONE.plus(outcome, count), RunHistory::sum);
				}, runId, previousRunId.get());
		return new CampaignFollowup(previousRunId, total[0], byReason, byConnection);
	}

	private static Counts sum(Counts a, Counts b) {
		return new Counts(a.asked() + b.asked(), a.cameBack() + b.cameBack(), a.stillNeeded() + b.stillNeeded(),
				a.notAudited() + b.notAudited(), a.other() + b.other());
	}

	/**
	 * The accounts whose status was read, grouped by connection, granted scopes and whether their last real use is
	 * older than {@code unusedAfter} at their check.
	 */
	public List<GrantGroup> grants(String runId, Duration unusedAfter) {
		List<GrantGroup> groups = new ArrayList<>();
		this.jdbc.query("select connection_name, granted_scopes, use_kind, count(*) from (select connection_name, "
				+ "granted_scopes, case when last_real_use is null then '" + Use.UNKNOWN.name() + "' when "
				+ "last_real_use < checked_at - interval '" + unusedAfter.toSeconds() + "' second then '"
				+ Use.UNUSED.name() + "' else '" + Use.RECENT.name() + "' end as use_kind from audit_result where "
				+ "run_id = ? and status <> '') reviewed group by connection_name, granted_scopes, use_kind",
				(ResultSet rs) -> {
					String scopes = rs.getString(2);
					groups.add(new GrantGroup(rs.getString(1),
							scopes.isEmpty() ? List.of() : Arrays.asList(scopes.split(";", -1)),
							Use.valueOf(rs.getString(3)), rs.getLong(4)));
				}, runId);
		return groups;
	}

	/** The stored history of the current row; what it would be when the run's history was not recorded yet. */
	static RowHistory rowHistory(ResultSet rs) throws SQLException {
		Instant checkedAt = rs.getTimestamp("checked_at").toInstant();
		Finding health = Finding.valueOf(rs.getString("health"));
		Timestamp since = rs.getTimestamp("health_since");
		if (since == null) {
			return RowHistory.startingAt(checkedAt, health.userMustAct());
		}
		int timesAsked = rs.getInt("times_asked");
		if (rs.wasNull()) {
			timesAsked = health.userMustAct() ? 1 : 0;
		}
		return new RowHistory(since.toInstant(),
				Optional.ofNullable(rs.getString("previous_health")).map(Finding::valueOf), timesAsked,
				Optional.ofNullable(rs.getTimestamp("last_real_use")).map(Timestamp::toInstant));
	}

	private static String healthIn(Predicate<Finding> predicate) {
		return Arrays.stream(Finding.values())
			.filter(predicate)
			.map((finding) -> "'" + finding.name() + "'")
			.collect(Collectors.joining(", ", "(", ")"));
	}

}
