package dev.healthaudit.result;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import dev.healthaudit.finding.Finding;
import dev.healthaudit.probe.ProviderRule;
import dev.healthaudit.probe.ProviderRules;
import dev.healthaudit.probe.RecommendedActions;

/**
 * The figures of a run, computed by the database (GROUP BY and conditional sums): the
 * reports are built from these and one bounded top-N query, never from all rows in
 * memory.
 *
 * <p>
 * Findings are stored as a {@code ;}-separated list. Rather than test each finding with
 * string functions on every row, the database groups rows by that list (and by the few
 * other columns the figures need); the groups are few whatever the number of accounts,
 * and Java splits each list once per group.
 */
public final class RunAggregates {

	/** Health values that are not problems: HEALTHY and REFRESHED. */
	private static final String NOT_PROBLEM = Arrays.stream(Finding.values())
		.filter((finding) -> !finding.isProblem())
		.map((finding) -> "'" + finding.name() + "'")
		.collect(Collectors.joining(", ", "(", ")"));

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

	/**
	 * Every count of a run from one scan: rows grouped by (connection, health, status,
	 * findings, incident), of which there are few whatever the number of accounts; the
	 * maps are then summed from the groups.
	 */
	public RunCounts counts(String runId) {
		Map<Finding, Long> findings = new EnumMap<>(Finding.class);
		Map<String, Long> statuses = new TreeMap<>();
		Map<String, Map<Finding, Long>> connections = new TreeMap<>();
		Map<List<String>, Long> incidents = new LinkedHashMap<>();
		this.jdbc.query(
				"select connection_name, health, status, findings, incident, count(*) from audit_result "
						+ "where run_id = ? group by connection_name, health, status, findings, incident",
				(ResultSet rs) -> {
					String connection = rs.getString(1);
					Finding health = Finding.valueOf(rs.getString(2));
					long count = rs.getLong(6);
					for (Finding finding : split(rs.getString(4))) {
						findings.merge(finding, count, Long::sum);
					}
					statuses.merge(rs.getString(3), count, Long::sum);
					connections.computeIfAbsent(connection, (name) -> new EnumMap<>(Finding.class))
						.merge(health, count, Long::sum);
					String incident = rs.getString(5);
					if (!incident.isEmpty()) {
						incidents.merge(List.of(connection, incident, health.name()), count, Long::sum);
					}
				}, runId);
		long audited = connections.values()
			.stream()
			.flatMap((byHealth) -> byHealth.values().stream())
			.mapToLong(Long::longValue)
			.sum();
		return new RunCounts(findings, statuses, connections, incidents(incidents),
				environmentIncident(runId, audited));
	}

	/**
	 * The run-level incident, if one environment cause left most accounts undecided: the
	 * INCONCLUSIVE accounts grouped by what their stored result says about the failure
	 * (few groups), each group judged by {@link EnvironmentCause#of}.
	 */
	public Optional<EnvironmentIncident> environmentIncident(String runId) {
		Long audited = this.jdbc.queryForObject("select count(*) from audit_result where run_id = ?", Long.class,
				runId);
		return environmentIncident(runId, (audited != null) ? audited : 0);
	}

	private Optional<EnvironmentIncident> environmentIncident(String runId, long audited) {
		Map<EnvironmentCause, Long> affected = new EnumMap<>(EnvironmentCause.class);
		this.jdbc.query(
				"select status, probe_outcome, http_status, error_code, count(*) from audit_result "
						+ "where run_id = ? and health = ? group by status, probe_outcome, http_status, error_code",
				(ResultSet rs) -> {
					long count = rs.getLong(5);
					EnvironmentCause.of(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4))
						.ifPresent((cause) -> affected.merge(cause, count, Long::sum));
				}, runId, EnvironmentIncident.FINDING.name());
		return EnvironmentIncident.of(affected, audited);
	}

	/** One incident per connection and cause, most affected accounts first. */
	private static List<Incident> incidents(Map<List<String>, Long> groups) {
		Map<List<String>, Long> byCause = new LinkedHashMap<>();
		Map<List<String>, Finding> healthOf = new LinkedHashMap<>();
		groups.forEach((key, count) -> {
			List<String> cause = key.subList(0, 2);
			byCause.merge(cause, count, Long::sum);
			healthOf.putIfAbsent(cause, Finding.valueOf(key.get(2)));
		});
		List<Incident> incidents = new ArrayList<>();
		byCause.forEach((cause, count) -> {
			// the rule knows the incident's finding and advice; the rows' health is the
			// fallback
			Optional<ProviderRule> rule = ProviderRules.RULES.stream()
				.filter((each) -> each.id().equals(cause.get(1)))
				.findFirst();
			Finding finding = rule.map(ProviderRule::finding).orElse(healthOf.get(cause));
			incidents.add(new Incident(cause.get(0), cause.get(1), finding,
					rule.map(ProviderRule::action).orElse(RecommendedActions.forFinding(finding)), count));
		});
		incidents.sort(Comparator.comparingLong(Incident::accounts)
			.reversed()
			.thenComparing(Incident::connectionName)
			.thenComparing(Incident::incident));
		return incidents;
	}

	/** Accounts that are neither HEALTHY nor REFRESHED. */
	public long problems(String runId) {
		return this.jdbc.queryForObject(
				"select count(*) from audit_result where run_id = ? and health not in " + NOT_PROBLEM, Long.class,
				runId);
	}

	/**
	 * The {@code limit} most severe problem accounts (then by connection, identifier):
	 * the only rows a report loads.
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
	 * Problem findings of this run against those of {@code previousRunId}, by
	 * (connection, identifier, finding). The database pairs each problem account with the
	 * same account in the other run and groups the pairs by their two findings lists (few
	 * distinct pairs); each pair of lists is then compared once.
	 */
	public Changes changes(String runId, Optional<String> previousRunId) {
		if (previousRunId.isEmpty()) {
			long[] all = compare(runId, "");
			return new Changes(Optional.empty(), all[0], 0, 0);
		}
		String previous = previousRunId.get();
		long[] current = compare(runId, previous);
		long[] earlier = compare(previous, runId);
		return new Changes(previousRunId, current[0], earlier[0], current[1]);
	}

	/** {only in {@code runId}, in both} over the problem findings of {@code runId}. */
	private long[] compare(String runId, String otherRunId) {
		long[] counts = new long[2];
		this.jdbc.query("select c.findings, o.health, o.findings, count(*) from audit_result c left join "
				+ "audit_result o on o.run_id = ? and o.connection_name = c.connection_name and o.identifier = "
				+ "c.identifier where c.run_id = ? and c.health not in " + NOT_PROBLEM
				+ " group by c.findings, o.health, o.findings", (ResultSet rs) -> {
					List<Finding> here = problemFindings(rs.getString(1));
					String otherHealth = rs.getString(2);
					List<Finding> there = (otherHealth == null || !Finding.valueOf(otherHealth).isProblem()) ? List.of()
							: problemFindings(rs.getString(3));
					long count = rs.getLong(4);
					for (Finding finding : here) {
						counts[there.contains(finding) ? 1 : 0] += count;
					}
				}, otherRunId, runId);
		return counts;
	}

	private static List<Finding> problemFindings(String findings) {
		return split(findings).stream().filter(Finding::isProblem).toList();
	}

	private static List<Finding> split(@Nullable String findings) {
		if (findings == null || findings.isEmpty()) {
			return List.of();
		}
		return Arrays.stream(findings.split(";")).map(Finding::valueOf).toList();
	}

	/**
	 * Keeps the run's totals for trends. Idempotent: writing the reports again replaces
	 * them.
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
		this.jdbc.update(
				"insert into audit_run_totals (run_id, policy_name, started_at, accounts, healthy, problems, "
						+ "user_must_act, rejected) values (?, ?, ?, ?, ?, ?, ?, ?)",
				run.runId(), run.policyName(), Timestamp.from(run.startedAt()), totals.accounts(), totals.healthy(),
				totals.problems(), totals.userMustAct(), totals.rejected());
		return totals;
	}

	/**
	 * Totals of the newest {@code limit} runs of the policy that completed, and of
	 * {@code runId} itself (whose reports are being written), oldest first.
	 */
	public List<RunTotals> trend(String policyName, String runId, int limit) {
		List<RunTotals> newestFirst = this.jdbc.query(
				"select t.* from audit_run_totals t join audit_run r on "
						+ "r.run_id = t.run_id where t.policy_name = ? and (r.state = ? or t.run_id = ?) "
						+ "order by t.started_at desc fetch first " + limit + " rows only",
				(rs, row) -> totals(rs), policyName, RunRecord.RunState.COMPLETED.name(), runId);
		List<RunTotals> oldestFirst = new ArrayList<>(newestFirst);
		java.util.Collections.reverse(oldestFirst);
		return oldestFirst;
	}

	private static RunTotals totals(ResultSet rs) throws SQLException {
		return new RunTotals(rs.getString("run_id"), rs.getTimestamp("started_at").toInstant(), rs.getLong("accounts"),
				rs.getLong("healthy"), rs.getLong("problems"), rs.getLong("user_must_act"), rs.getLong("rejected"));
	}

	private static long sum(Map<Finding, Long> health, boolean problems) {
		return health.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().isProblem() == problems)
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

}
