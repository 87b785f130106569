package dev.healthaudit.result;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import dev.healthaudit.finding.Finding;
import dev.healthaudit.probe.ProviderRule;
import dev.healthaudit.probe.ProviderRules;

/**
 * The figures of a run, computed by the database (GROUP BY and conditional sums): the reports are built from these
 * and one bounded top-N query, never from all rows in memory.
 *
 * <p>
 * Findings are stored as a {@code ;}-separated list; "carries finding F" is {@code ';' || findings || ';' like
 * '%;F;%'}, portable across H2 and PostgreSQL. The {@code _} in names is a LIKE wildcard, harmless here: no finding
 * name differs from another only where an underscore stands.
 */
public final class RunAggregates {

	/** Health values that are not problems: HEALTHY and REFRESHED. */
	private static final String NOT_PROBLEM = Arrays.stream(Finding.values())
		.filter((finding) -> !finding.isProblem())
		.map((finding) -> "'" + finding.name() + "'")
		.collect(Collectors.joining(", ", "(", ")"));

	private static final List<Finding> PROBLEM_FINDINGS = Arrays.stream(Finding.values())
		.filter(Finding::isProblem)
		.toList();

	private static final String SEVERITY = Arrays.stream(Finding.values())
		.map((finding) -> "when '" + finding.name() + "' then " + finding.ordinal())
		.collect(Collectors.joining(" ", "case health ", " end"));

	private final JdbcTemplate jdbc;

	private final RowMapper<ResultRow> rows;

	RunAggregates(JdbcTemplate jdbc, RowMapper<ResultRow> rows) {
		this.jdbc = jdbc;
		this.rows = rows;
	}

	/** Accounts per health value, most severe first. */
	public Map<Finding, Long> health(String runId) {
		Map<Finding, Long> counts = new EnumMap<>(Finding.class);
		this.jdbc.query("select health, count(*) from audit_result where run_id = ? group by health",
				(ResultSet rs) -> {
					counts.put(Finding.valueOf(rs.getString(1)), rs.getLong(2));
				}, runId);
		return counts;
	}

	/** Accounts carrying each finding (an account with several findings counts once for each); zeros left out. */
	public Map<Finding, Long> findings(String runId) {
		String sums = Arrays.stream(Finding.values())
			.map((finding) -> "sum(case when " + carries("", finding) + " then 1 else 0 end)")
			.collect(Collectors.joining(", "));
		Map<Finding, Long> counts = new EnumMap<>(Finding.class);
		this.jdbc.query("select " + sums + " from audit_result where run_id = ?", (ResultSet rs) -> {
			for (Finding finding : Finding.values()) {
				long count = rs.getLong(finding.ordinal() + 1);
				if (count > 0) {
					counts.put(finding, count);
				}
			}
		}, runId);
		return counts;
	}

	/** Accounts per raw Scalekit status; accounts whose status was never read count under an empty status. */
	public Map<String, Long> statuses(String runId) {
		Map<String, Long> counts = new TreeMap<>();
		this.jdbc.query("select status, count(*) from audit_result where run_id = ? group by status",
				(ResultSet rs) -> {
					counts.put(rs.getString(1), rs.getLong(2));
				}, runId);
		return counts;
	}

	/** Accounts per connection and health, connections by name, health most severe first. */
	public Map<String, Map<Finding, Long>> connections(String runId) {
		Map<String, Map<Finding, Long>> counts = new TreeMap<>();
		this.jdbc.query("select connection_name, health, count(*) from audit_result where run_id = ? "
				+ "group by connection_name, health", (ResultSet rs) -> {
					counts.computeIfAbsent(rs.getString(1), (name) -> new EnumMap<>(Finding.class))
						.put(Finding.valueOf(rs.getString(2)), rs.getLong(3));
				}, runId);
		return counts;
	}

	/** Connection-level incidents, most affected accounts first. */
	public List<Incident> incidents(String runId) {
		return this.jdbc.query("select connection_name, incident, max(health), max(recommended_action), count(*) "
				+ "from audit_result where run_id = ? and incident <> '' group by connection_name, incident "
				+ "order by count(*) desc, connection_name, incident", (rs, row) -> {
					String id = rs.getString(2);
					// the rule knows the incident's finding and advice; the rows' own values are the fallback
					Optional<ProviderRule> rule = ProviderRules.RULES.stream()
						.filter((each) -> each.id().equals(id))
						.findFirst();
					return new Incident(rs.getString(1), id,
							rule.map(ProviderRule::finding).orElse(Finding.valueOf(rs.getString(3))),
							rule.map(ProviderRule::action).orElse(rs.getString(4)), rs.getLong(5));
				}, runId);
	}

	/** Accounts that are neither HEALTHY nor REFRESHED. */
	public long problems(String runId) {
		return this.jdbc.queryForObject(
				"select count(*) from audit_result where run_id = ? and health not in " + NOT_PROBLEM, Long.class,
				runId);
	}

	/**
	 * The {@code limit} most severe problem accounts (then by connection, identifier): the only rows a report
	 * loads.
	 */
	public List<ResultRow> mostSevere(String runId, int limit) {
		return this.jdbc.query("select * from audit_result where run_id = ? and health not in " + NOT_PROBLEM
				+ " order by " + SEVERITY + ", connection_name, identifier fetch first " + limit + " rows only",
				this.rows, runId);
	}

	/** API usage summed over every process that worked on the run. */
	public ApiStats api(String runId) {
		Map<String, Long> calls = new TreeMap<>();
		this.jdbc.query("select route, calls from audit_run_api where run_id = ?", (ResultSet rs) -> {
			calls.put(rs.getString(1), rs.getLong(2));
		}, runId);
		long[] waits = new long[2];
		this.jdbc.query("select retries, rate_limit_wait_nanos from audit_run_waits where run_id = ?",
				(ResultSet rs) -> {
					waits[0] = rs.getLong(1);
					waits[1] = rs.getLong(2);
				}, runId);
		return new ApiStats(calls, waits[0], waits[1]);
	}

	/**
	 * Problem findings of this run against those of {@code previousRunId}, by (connection, identifier, finding). Two
	 * passes, each over one run's problem rows with a primary-key lookup into the other run.
	 */
	public Changes changes(String runId, Optional<String> previousRunId) {
		if (previousRunId.isEmpty()) {
			long all = problemFindings(runId);
			return new Changes(Optional.empty(), all, 0, 0);
		}
		String previous = previousRunId.get();
		long[] current = compare(runId, previous);
		long[] earlier = compare(previous, runId);
		return new Changes(previousRunId, current[0], earlier[0], current[1]);
	}

	/** {only in {@code runId}, in both} over the problem findings of {@code runId}. */
	private long[] compare(String runId, String otherRunId) {
		StringBuilder sql = new StringBuilder("select ");
		List<String> sums = new ArrayList<>();
		for (Finding finding : PROBLEM_FINDINGS) {
			String here = "(case when " + carries("c.", finding) + " then 1 else 0 end)";
			String there = "(case when o.health is not null and o.health not in " + NOT_PROBLEM + " and "
					+ carries("o.", finding) + " then 1 else 0 end)";
			sums.add(here + " * (1 - " + there + ")");
			sums.add(here + " * " + there);
		}
		List<String> onlyHere = new ArrayList<>();
		List<String> both = new ArrayList<>();
		for (int i = 0; i < sums.size(); i += 2) {
			onlyHere.add(sums.get(i));
			both.add(sums.get(i + 1));
		}
		sql.append("coalesce(sum(").append(String.join(" + ", onlyHere)).append("), 0), ");
		sql.append("coalesce(sum(").append(String.join(" + ", both)).append("), 0)");
		sql.append(" from audit_result c left join audit_result o on o.run_id = ? and o.connection_name = "
				+ "c.connection_name and o.identifier = c.identifier where c.run_id = ? and c.health not in "
				+ NOT_PROBLEM);
		return this.jdbc.queryForObject(sql.toString(), (rs, row) -> new long[] { rs.getLong(1), rs.getLong(2) },
				otherRunId, runId);
	}

	private long problemFindings(String runId) {
		String sum = PROBLEM_FINDINGS.stream()
			.map((finding) -> "(case when " + carries("", finding) + " then 1 else 0 end)")
			.collect(Collectors.joining(" + "));
		return this.jdbc.queryForObject("select coalesce(sum(" + sum + "), 0) from audit_result where run_id = ? "
				+ "and health not in " + NOT_PROBLEM, Long.class, runId);
	}

	/**
	 * Keeps the run's totals for trends. Idempotent: writing the reports again replaces them.
	 */
	public RunTotals recordTotals(RunRecord run, Map<Finding, Long> health, long rejected) {
		long accounts = health.values().stream().mapToLong(Long::longValue).sum();
		long healthy = sum(health, false);
		long userMustAct = health.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().userMustAct())
			.mapToLong(Map.Entry::getValue)
			.sum();
		RunTotals totals = new RunTotals(run.runId(), run.startedAt(), accounts, healthy, accounts - healthy,
				userMustAct, rejected);
		this.jdbc.update("delete from audit_run_totals where run_id = ?", run.runId());
		this.jdbc.update("insert into audit_run_totals (run_id, policy_name, started_at, accounts, healthy, problems, "
				+ "user_must_act, rejected) values (?, ?, ?, ?, ?, ?, ?, ?)", run.runId(), run.policyName(),
				Timestamp.from(run.startedAt()), totals.accounts(), totals.healthy(), totals.problems(),
				totals.userMustAct(), totals.rejected());
		return totals;
	}

	/**
	 * Totals of the newest {@code limit} runs of the policy that completed, and of {@code runId} itself (whose
	 * reports are being written), oldest first.
	 */
	public List<RunTotals> trend(String policyName, String runId, int limit) {
		List<RunTotals> newestFirst = this.jdbc.query("select t.* from audit_run_totals t join audit_run r on "
				+ "r.run_id = t.run_id where t.policy_name = ? and (r.state = ? or t.run_id = ?) "
				+ "order by t.started_at desc fetch first " + limit + " rows only", (rs, row) -> totals(rs),
				policyName, RunRecord.RunState.COMPLETED.name(), runId);
		List<RunTotals> oldestFirst = new ArrayList<>(newestFirst);
		java.util.Collections.reverse(oldestFirst);
		return oldestFirst;
	}

	private static RunTotals totals(ResultSet rs) throws SQLException {
		return new RunTotals(rs.getString("run_id"), rs.getTimestamp("started_at").toInstant(),
				rs.getLong("accounts"), rs.getLong("healthy"), rs.getLong("problems"), rs.getLong("user_must_act"),
				rs.getLong("rejected"));
	}

	private static long sum(Map<Finding, Long> health, boolean problems) {
		return health.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().isProblem() == problems)
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

	private static String carries(String alias, Finding finding) {
		return "(';' || " + alias + "findings || ';') like '%;" + finding.name() + ";%'";
	}

}
