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
import dev.healthaudit.result.RunRecord.RunState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history of a run's results ({@link RunHistory}) as the database computes it, on
 * three nightly runs of one policy; run against H2 ({@link RunHistoryTests}) and
 * PostgreSQL ({@link RunHistoryPostgresIntegrationTests}).
 */
abstract class RunHistoryContract {

	static final Instant NIGHT_1 = Instant.parse("2026-04-01T02:00:00Z");

	static final Instant NIGHT_2 = NIGHT_1.plus(Duration.ofDays(1));

	static final Instant NIGHT_3 = NIGHT_1.plus(Duration.ofDays(2));

	ResultStore store;

	RunStore runStore;

	private final Map<String, List<AuditResult>> runs = new HashMap<>();

	abstract DataSource dataSource();

	@BeforeEach
	void migrate() {
		DataSource dataSource = dataSource();
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		Stores stores = new Stores(dataSource);
		this.store = stores.results();
		this.runStore = stores.runs();
	}

	@Test
	void aFirstRunStartsEveryHistory() {
		night("n1", NIGHT_1, Optional.empty(), (rows) -> {
			rows.add(result("gmail", "ann", 2, Finding.EXPIRED, NIGHT_1.plusSeconds(10), days(NIGHT_1, -40)));
			rows.add(result("gmail", "bob", 3, Finding.HEALTHY, NIGHT_1.plusSeconds(11), null));
		});
		RowHistory ann = history("n1", "ann");
		assertThat(ann)
			.isEqualTo(new RowHistory(NIGHT_1.plusSeconds(10), Optional.empty(), 1, Optional.of(days(NIGHT_1, -40))));
		assertThat(history("n1", "bob"))
			.isEqualTo(new RowHistory(NIGHT_1.plusSeconds(11), Optional.empty(), 0, Optional.empty()));
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
				history("n3", "U1").timesAsked()))
			.containsExactly(1, 2, 3);
		assertThat(List.of(history("n1", "U2").timesAsked(), history("n2", "U2").timesAsked(),
				history("n3", "U2").timesAsked()))
			.as("came back, then asked again")
			.containsExactly(1, 0, 1);
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
			rows.add(result("github", "active", 3, Finding.HEALTHY, NIGHT_2.plusSeconds(5),
					NIGHT_1.plus(Duration.ofHours(7))));
			// later than our check, but within the allowance for a clock difference: not
			// counted
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
		this.runStore.createRun(run("old", NIGHT_1));
		this.store.save("old", List.of(result("gmail", "ann", 2, Finding.EXPIRED, NIGHT_1.plusSeconds(9), null)),
				List.of());
		// no history recorded for "old": its results predate the history columns
		this.runStore.finishRun("old", RunState.COMPLETED, NIGHT_1.plusSeconds(60));
		night("n2", NIGHT_2, Optional.of("old"),
				(rows) -> rows.add(result("gmail", "ann", 2, Finding.EXPIRED, NIGHT_2.plusSeconds(9), null)));
		assertThat(history("n2", "ann"))
			.isEqualTo(new RowHistory(NIGHT_1.plusSeconds(9), Optional.of(Finding.EXPIRED), 2, Optional.empty()));
	}

	@Test
	void recordingAgainGivesTheSameValues() {
		night("n1", NIGHT_1, Optional.empty(),
				(rows) -> rows.add(result("gmail", "ann", 2, Finding.EXPIRED, NIGHT_1, days(NIGHT_1, -3))));
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
	void theOldestProblemsAreThoseWhoseHealthIsOldestThenTheMostSevere() {
		Instant day0 = NIGHT_1;
		night("n1", day0, Optional.empty(), (rows) -> {
			rows.add(result("gmail", "a", 2, Finding.EXPIRED, day0, null));
			rows.add(result("gmail", "b", 3, Finding.EXPIRED, day0, null));
			rows.add(result("gmail", "c", 4, Finding.INCONCLUSIVE, day0, null));
		});
		Instant day10 = days(day0, 10);
		night("n2", day10, Optional.of("n1"), (rows) -> {
			rows.add(result("gmail", "c", 4, Finding.INCONCLUSIVE, day10, null));
			rows.add(result("gmail", "b", 3, Finding.DISCONNECTED, day10, null));
			rows.add(result("gmail", "a", 2, Finding.EXPIRED, day10, null));
			rows.add(result("gmail", "d", 5, Finding.HEALTHY, day10, null));
			rows.add(result("gmail", "e", 6, Finding.NOT_FOUND, day10, null));
		});
		// a and c since day 0 (EXPIRED is more severe than INCONCLUSIVE), then b and e
		// since day 10
		assertThat(this.store.history().oldestProblems("n2", 3)).extracting(ResultRow::identifier)
			.containsExactly("a", "c", "e");
		List<ResultRow> oldest = this.store.history().oldestProblems("n2", 10);
		assertThat(oldest).extracting(ResultRow::identifier).containsExactly("a", "c", "e", "b");
		assertThat(oldest.get(0).history().healthSince()).isEqualTo(day0);
		assertThat(oldest.get(0).extras()).isEmpty();
		assertThat(this.store.history().oldestProblems("n1", 0)).isEmpty();
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
		assertThat(followup.byReason())
			.isEqualTo(Map.of(Finding.EXPIRED, new Counts(3, 2, 1, 0, 0), Finding.DISCONNECTED,
					new Counts(1, 0, 0, 1, 0), Finding.PENDING_VERIFICATION, new Counts(1, 0, 0, 0, 1)));
		assertThat(followup.byConnection())
			.isEqualTo(Map.of("gmail", new Counts(3, 2, 1, 0, 0), "slack", new Counts(2, 0, 0, 1, 1)));
		assertThat(this.store.history().followup("n1", Optional.empty()).total()).isEqualTo(Counts.NONE);
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

	/**
	 * Stores a run's results, records their history against {@code previous} and
	 * completes the run.
	 */
	private void night(String runId, Instant start, Optional<String> previous,
			java.util.function.Consumer<List<AuditResult>> results) {
		List<AuditResult> rows = new ArrayList<>();
		results.accept(rows);
		this.runs.put(runId, rows);
		this.runStore.createRun(run(runId, start));
		this.store.save(runId, rows, List.of());
		this.store.history().record(runId, previous);
		this.runStore.finishRun(runId, RunState.COMPLETED, start.plusSeconds(600));
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
				read ? "ACTIVE" : "", new Verdict(List.of(health), Evidence.NONE, Optional.empty()), List.of(), granted,
				"", ProbeStatus.NOT_RUN, checkedAt, Optional.empty(), "", Optional.ofNullable(lastUsedAt));
	}

}
