package dev.healthaudit.result;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.healthaudit.account.AccountRef;
import dev.healthaudit.finding.Finding;
import dev.healthaudit.probe.AuditResult;
import dev.healthaudit.probe.Evidence;
import dev.healthaudit.probe.ProbeReport.ProbeStatus;
import dev.healthaudit.probe.Verdict;
import dev.healthaudit.result.CampaignFollowup.Counts;
import dev.healthaudit.result.GrantGroup.Use;
import dev.healthaudit.result.RunRecord.RunState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history of a run's results ({@link RunHistory}) as the database computes it, on three nightly runs of one policy;
 * run against H2 ({@link RunHistoryTests}) and PostgreSQL ({@link RunHistoryPostgresIntegrationTests}).
 */
abstract class RunHistoryContract {

	static final Instant NIGHT_1 = Instant.parse("2026-04-01T02:00:00Z");

	static final Instant NIGHT_2 = NIGHT_1.plus(Duration.ofDays(1));

	static final Instant NIGHT_3 = NIGHT_1.plus(Duration.ofDays(2));

	ResultStore store;

	private final Map<String, List<AuditResult>> runs = new HashMap<>();

	abstract DataSource dataSource();

	@BeforeEach
	void migrate() {
		DataSource dataSource = dataSource();
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		this.store = new ResultStore(dataSource);
	}

	@Test
	void aFirstRunStartsEveryHistory() {
		night("n1", NIGHT_1, Optional.empty(), (rows) -> {
			rows.add(result("gmail", "ann", 2, Finding.EXPIRED, NIGHT_1.plusSeconds(10), days(NIGHT_1, -40)));
			rows.add(result("gmail", "bob", 3, Finding.HEALTHY, NIGHT_1.plusSeconds(11), null));
		});
		RowHistory ann = history("n1", "ann");
		assertThat(ann).isEqualTo(new RowHistory(NIGHT_1.plusSeconds(10), Optional.empty(), 1,
				Optional.of(days(NIGHT_1, -40))));
		assertThat(history("n1", "bob")).isEqualTo(
				new RowHistory(NIGHT_1.plusSeconds(11), Optional.empty(), 0, Optional.empty()));
	}

	@Test
	void healthSinceCarriesOverAnUnbrokenSeriesOfTheSameHealth() {
		night("n1", NIGHT_1, Optional.empty(), (rows) -> {
			rows.add(result("gmail", "ann", 2, Finding.EXPIRED, NIGHT_1.plusSeconds(10), null));
			rows.add(result("gmail", "bob", 3, Finding.HEALTHY, NIGHT_1.plusSeconds(11), null));
			rows.add(result("gmail", "cid", 4, Finding.EXPIRED, NIGHT_1.plusSeconds(12), null));
		});
		night("n2", NIGHT_2, Optional.of("n1"), (rows) -> {
			rows.add(result("gmail", "ann", 2, Finding.EXPIRED, NIGHT_2.plusSeconds(20), null));
			rows.add(result("gmail", "bob", 3, Finding.DISCONNECTED, NIGHT_2.plusSeconds(21), null));
			rows.add(result("gmail", "cid", 4, Finding.HEALTHY, NIGHT_2.plusSeconds(22), null));
			rows.add(result("gmail", "dan", 5, Finding.EXPIRED, NIGHT_2.plusSeconds(23), null));
		});
		night("n3", NIGHT_3, Optional.of("n2"), (rows) -> {
			rows.add(result("gmail", "ann", 2, Finding.EXPIRED, NIGHT_3.plusSeconds(30), null));
			rows.add(result("gmail", "bob", 3, Finding.DISCONNECTED, NIGHT_3.plusSeconds(31), null));
			rows.add(result("gmail", "cid", 4, Finding.EXPIRED, NIGHT_3.plusSeconds(32), null));
		});
		assertThat(history("n3", "ann").healthSince()).isEqualTo(NIGHT_1.plusSeconds(10));
		assertThat(history("n3", "ann").previousHealth()).contains(Finding.EXPIRED);
		assertThat(history("n2", "bob").healthSince()).as("changed").isEqualTo(NIGHT_2.plusSeconds(21));
		assertThat(history("n2", "bob").previousHealth()).contains(Finding.HEALTHY);
		assertThat(history("n3", "bob").healthSince()).isEqualTo(NIGHT_2.plusSeconds(21));
		// EXPIRED, HEALTHY, EXPIRED: the series was broken, it starts again
		assertThat(history("n3", "cid").healthSince()).isEqualTo(NIGHT_3.plusSeconds(32));
		assertThat(history("n3", "cid").previousHealth()).contains(Finding.HEALTHY);
		assertThat(history("n2", "dan").healthSince()).as("not in the previous run").isEqualTo(NIGHT_2.plusSeconds(23));
		assertThat(history("n2", "dan").previousHealth()).isEmpty();
	}

	@Test
	void timesAskedCountsConsecutiveRunsInTheCampaign() {
		night("n1", NIGHT_1, Optional.empty(), (rows) -> {
			rows.add(result("slack", "U1", 2, Finding.EXPIRED, NIGHT_1, null));
			rows.add(result("slack", "U2", 3, Finding.PENDING_AUTH, NIGHT_1, null));
		});
		night("n2", NIGHT_2, Optional.of("n1"), (rows) -> {
			// a different reason is still the campaign
			rows.add(result("slack", "U1", 2, Finding.UNDER_SCOPED, NIGHT_2, null));
			rows.add(result("slack", "U2", 3, Finding.HEALTHY, NIGHT_2, null));
		});
		night("n3", NIGHT_3, Optional.of("n2"), (rows) -> {
			rows.add(result("slack", "U1", 2, Finding.DISCONNECTED, NIGHT_3, null));
			rows.add(result("slack", "U2", 3, Finding.PENDING_AUTH, NIGHT_3, null));
		});
		assertThat(List.of(history("n1", "U1").timesAsked(), history("n2", "U1").timesAsked(),
				history("n3", "U1").timesAsked())).containsExactly(1, 2, 3);
		assertThat(List.of(history("n1", "U2").timesAsked(), history("n2", "U2").timesAsked(),
				history("n3", "U2").timesAsked())).as("came back, then asked again").containsExactly(1, 0, 1);
	}

	@Test
	void lastRealUseIgnoresTheJobsOwnProbes() {
		Instant realUse = days(NIGHT_1, -100);
		night("n1", NIGHT_1, Optional.empty(), (rows) -> {
			rows.add(result("github", "dormant", 2, Finding.HEALTHY, NIGHT_1.plusSeconds(5), realUse));
			rows.add(result("github", "active", 3, Finding.HEALTHY, NIGHT_1.plusSeconds(5), realUse));
			rows.add(result("github", "skewed", 4, Finding.HEALTHY, NIGHT_1.plusSeconds(5), realUse));
			rows.add(result("github", "unread", 5, Finding.HEALTHY, NIGHT_1.plusSeconds(5), realUse));
		});
		night("n2", NIGHT_2, Optional.of("n1"), (rows) -> {
			// Scalekit shows our own probe of night 1, a moment before that night's check
			rows.add(result("github", "dormant", 2, Finding.HEALTHY, NIGHT_2.plusSeconds(5), NIGHT_1.plusSeconds(4)));
			rows.add(result("github", "active", 3, Finding.HEALTHY, NIGHT_2.plusSeconds(5), NIGHT_1.plus(
					Duration.ofHours(7))));
			// later than our check, but within the allowance for a clock difference: not counted
			rows.add(result("github", "skewed", 4, Finding.HEALTHY, NIGHT_2.plusSeconds(5), NIGHT_1.plusSeconds(50)));
			// no reading (an earlier attempt may have probed it): carried forward
			rows.add(result("github", "unread", 5, Finding.INCONCLUSIVE, NIGHT_2.plusSeconds(5), null));
		});
		night("n3", NIGHT_3, Optional.of("n2"), (rows) -> {
			rows.add(result("github", "dormant", 2, Finding.HEALTHY, NIGHT_3.plusSeconds(5), NIGHT_2.plusSeconds(4)));
			rows.add(result("github", "active", 3, Finding.HEALTHY, NIGHT_3.plusSeconds(5), NIGHT_2.plusSeconds(4)));
		});
		assertThat(history("n2", "dormant").lastRealUse()).contains(realUse);
		assertThat(history("n3", "dormant").lastRealUse()).contains(realUse);
		assertThat(history("n2", "active").lastRealUse()).contains(NIGHT_1.plus(Duration.ofHours(7)));
		assertThat(history("n3", "active").lastRealUse()).as("only our probe since")
			.contains(NIGHT_1.plus(Duration.ofHours(7)));
		assertThat(history("n2", "skewed").lastRealUse()).contains(realUse);
		assertThat(history("n2", "unread").lastRealUse()).contains(realUse);
		assertThat(RunHistory.OWN_USE_ALLOWANCE).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void aPreviousRunFromBeforeHistoryCountsAsTheStartOfItsSeries() {
		this.store.createRun(run("old", NIGHT_1));
		this.store.save("old", List.of(result("gmail", "ann", 2, Finding.EXPIRED, NIGHT_1.plusSeconds(9), null)),
				List.of());
		// no history recorded for "old": its results predate the history columns
		this.store.finishRun("old", RunState.COMPLETED, NIGHT_1.plusSeconds(60));
		night("n2", NIGHT_2, Optional.of("old"), (rows) -> rows
			.add(result("gmail", "ann", 2, Finding.EXPIRED, NIGHT_2.plusSeconds(9), null)));
		assertThat(history("n2", "ann")).isEqualTo(
				new RowHistory(NIGHT_1.plusSeconds(9), Optional.of(Finding.EXPIRED), 2, Optional.empty()));
	}

	@Test
	void recordingAgainGivesTheSameValues() {
		night("n1", NIGHT_1, Optional.empty(), (rows) -> rows
			.add(result("gmail", "ann", 2, Finding.EXPIRED, NIGHT_1, days(NIGHT_1, -3))));
		night("n2", NIGHT_2, Optional.of("n1"), (rows) -> {
			rows.add(result("gmail", "ann", 2, Finding.EXPIRED, NIGHT_2, NIGHT_1));
			rows.add(result("gmail", "new", 3, Finding.EXPIRED, NIGHT_2, null));
		});
		RowHistory ann = history("n2", "ann");
		RowHistory fresh = history("n2", "new");
		this.store.history().record("n2", Optional.of("n1"));
		assertThat(history("n2", "ann")).isEqualTo(ann);
		assertThat(history("n2", "new")).isEqualTo(fresh);
	}

	@Test
	void everyInputLineIsUpdatedHoweverFarApart() {
		long far = 3L * RunHistory.LINES_PER_STATEMENT + 7;
		night("n1", NIGHT_1, Optional.empty(), (rows) -> {
			rows.add(result("gmail", "first", 2, Finding.EXPIRED, NIGHT_1, null));
			rows.add(result("gmail", "last", far, Finding.EXPIRED, NIGHT_1, null));
		});
		night("n2", NIGHT_2, Optional.of("n1"), (rows) -> {
			rows.add(result("gmail", "first", 2, Finding.EXPIRED, NIGHT_2, null));
			rows.add(result("gmail", "last", far, Finding.EXPIRED, NIGHT_2, null));
		});
		assertThat(history("n2", "first").timesAsked()).isEqualTo(2);
		assertThat(history("n2", "last").timesAsked()).isEqualTo(2);
	}

	@Test
	void problemsAreCountedByHealthAndAge() {
		Instant day0 = NIGHT_1;
		night("n1", day0, Optional.empty(), (rows) -> {
			rows.add(result("gmail", "a", 2, Finding.EXPIRED, day0, null));
			rows.add(result("gmail", "b", 3, Finding.EXPIRED, day0, null));
		});
		Instant day10 = days(day0, 10);
		night("n2", day10, Optional.of("n1"), (rows) -> {
			rows.add(result("gmail", "a", 2, Finding.EXPIRED, day10, null));
			rows.add(result("gmail", "b", 3, Finding.DISCONNECTED, day10, null));
			rows.add(result("gmail", "c", 4, Finding.HEALTHY, day10, null));
		});
		Instant day40 = days(day0, 40);
		night("n3", day40, Optional.of("n2"), (rows) -> {
			rows.add(result("gmail", "a", 2, Finding.EXPIRED, day40, null));
			rows.add(result("gmail", "b", 3, Finding.DISCONNECTED, day40.minusSeconds(1), null));
			rows.add(result("gmail", "d", 5, Finding.INCONCLUSIVE, day40, null));
		});
		assertThat(this.store.history().ages("n2"))
			.isEqualTo(Map.of(Finding.EXPIRED, Map.of(AgeBand.SEVEN_TO_30_DAYS, 1L), Finding.DISCONNECTED,
					Map.of(AgeBand.UNDER_1_DAY, 1L)));
		assertThat(this.store.history().ages("n3")).isEqualTo(Map.of(Finding.EXPIRED,
				Map.of(AgeBand.OVER_30_DAYS, 1L), Finding.DISCONNECTED, Map.of(AgeBand.SEVEN_TO_30_DAYS, 1L),
				Finding.INCONCLUSIVE, Map.of(AgeBand.UNDER_1_DAY, 1L)));
		assertThat(this.store.history().oldestProblems("n3", 2)).extracting(ResultRow::identifier)
			.containsExactly("a", "b");
	}

	@Test
	void theCampaignIsFollowedUpByReasonAndConnection() {
		night("n1", NIGHT_1, Optional.empty(), (rows) -> {
			rows.add(result("gmail", "back", 2, Finding.EXPIRED, NIGHT_1, null));
			rows.add(result("gmail", "refreshed", 3, Finding.EXPIRED, NIGHT_1, null));
			rows.add(result("gmail", "still", 4, Finding.EXPIRED, NIGHT_1, null));
			rows.add(result("slack", "gone", 5, Finding.DISCONNECTED, NIGHT_1, null));
			rows.add(result("slack", "blocked", 6, Finding.PENDING_VERIFICATION, NIGHT_1, null));
			rows.add(result("slack", "admin", 7, Finding.ADMIN_ACTION_REQUIRED, NIGHT_1, null));
			rows.add(result("slack", "fine", 8, Finding.HEALTHY, NIGHT_1, null));
		});
		night("n2", NIGHT_2, Optional.of("n1"), (rows) -> {
			rows.add(result("gmail", "back", 2, Finding.HEALTHY, NIGHT_2, null));
			rows.add(result("gmail", "refreshed", 3, Finding.REFRESHED, NIGHT_2, null));
			rows.add(result("gmail", "still", 4, Finding.UNDER_SCOPED, NIGHT_2, null));
			rows.add(result("slack", "blocked", 6, Finding.INCONCLUSIVE, NIGHT_2, null));
			rows.add(result("slack", "admin", 7, Finding.HEALTHY, NIGHT_2, null));
			rows.add(result("slack", "fine", 8, Finding.EXPIRED, NIGHT_2, null));
		});
		CampaignFollowup followup = this.store.history().followup("n2", Optional.of("n1"));
		assertThat(followup.previousRunId()).contains("n1");
		assertThat(followup.total()).isEqualTo(new Counts(5, 2, 1, 1, 1));
		assertThat(followup.byReason()).isEqualTo(Map.of(Finding.EXPIRED, new Counts(3, 2, 1, 0, 0),
				Finding.DISCONNECTED, new Counts(1, 0, 0, 1, 0), Finding.PENDING_VERIFICATION,
				new Counts(1, 0, 0, 0, 1)));
		assertThat(followup.byConnection()).isEqualTo(
				Map.of("gmail", new Counts(3, 2, 1, 0, 0), "slack", new Counts(2, 0, 0, 1, 1)));
		assertThat(this.store.history().followup("n1", Optional.empty()).total()).isEqualTo(Counts.NONE);
	}

	@Test
	void grantsAreGroupedByConnectionScopesAndUse() {
		Instant checked = NIGHT_1.plusSeconds(30);
		night("n1", NIGHT_1, Optional.empty(), (rows) -> {
			rows.add(result("gmail", "recent", 2, Finding.HEALTHY, checked, days(checked, -90), List.of("a", "b")));
			rows.add(result("gmail", "unused", 3, Finding.HEALTHY, checked, days(checked, -90).minusSeconds(1),
					List.of("a", "b")));
			rows.add(result("gmail", "never", 4, Finding.HEALTHY, checked, null, List.of("a")));
			rows.add(result("gmail", "missing", 5, Finding.NOT_FOUND, checked, null, List.of()));
		});
		assertThat(this.store.history().grants("n1", Duration.ofDays(90))).containsExactlyInAnyOrder(
				new GrantGroup("gmail", List.of("a", "b"), Use.RECENT, 1),
				new GrantGroup("gmail", List.of("a", "b"), Use.UNUSED, 1),
				new GrantGroup("gmail", List.of("a"), Use.UNKNOWN, 1));
	}

	private RowHistory history(String runId, String identifier) {
		List<RowHistory> found = new ArrayList<>();
		this.store.forEachResult(runId, (row) -> {
			if (row.identifier().equals(identifier)) {
				found.add(row.history());
			}
		});
		assertThat(found).hasSize(1);
		return found.get(0);
	}

	/** Stores a run's results, records their history against {@code previous} and completes the run. */
	private void night(String runId, Instant start, Optional<String> previous,
			java.util.function.Consumer<List<AuditResult>> results) {
		List<AuditResult> rows = new ArrayList<>();
		results.accept(rows);
		this.runs.put(runId, rows);
		this.store.createRun(run(runId, start));
		this.store.save(runId, rows, List.of());
		this.store.history().record(runId, previous);
		this.store.finishRun(runId, RunState.COMPLETED, start.plusSeconds(600));
	}

	private static RunRecord run(String runId, Instant start) {
		return new RunRecord(runId, "nightly", "digest", "input", false, List.of(), RunState.RUNNING, start,
				Optional.empty());
	}

	static Instant days(Instant from, long days) {
		return from.plus(Duration.ofDays(days));
	}

	static AuditResult result(String connection, String identifier, long line, Finding health, Instant checkedAt,
			Instant lastUsedAt) {
		return result(connection, identifier, line, health, checkedAt, lastUsedAt, List.of("openid"));
	}

	static AuditResult result(String connection, String identifier, long line, Finding health, Instant checkedAt,
			Instant lastUsedAt, List<String> granted) {
		boolean read = health != Finding.NOT_FOUND;
		return new AuditResult(new AccountRef(connection, identifier, line, Map.of()), read ? "ca_" + line : "",
				read ? "ACTIVE" : "", new Verdict(List.of(health), Evidence.NONE, Optional.empty()), List.of(),
				granted, "", ProbeStatus.NOT_RUN, checkedAt, Optional.empty(), "", Optional.ofNullable(lastUsedAt));
	}

}
