package dev.healthaudit.result;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.healthaudit.account.AccountRef;
import dev.healthaudit.finding.Finding;
import dev.healthaudit.probe.AuditResult;
import dev.healthaudit.probe.DeferredAudit;
import dev.healthaudit.probe.Evidence;
import dev.healthaudit.probe.ProbeReport.ProbeStatus;
import dev.healthaudit.probe.Verdict;
import dev.healthaudit.ratelimit.AttemptTally;
import dev.healthaudit.result.RunRecord.RunState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link ResultStore#save} keeps of a chunk: one row per account, a line never
 * standing for an account.
 */
class ResultStoreSaveTests {

	private static final Instant AT = Instant.parse("2026-03-02T02:00:00Z");

	private static final String RUN = "nightly-20260302T020000Z";

	private ResultStore store;

	private DeferralStore deferrals;

	@BeforeEach
	void createRun() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:save-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		Stores stores = new Stores(dataSource);
		this.store = stores.results();
		this.deferrals = stores.deferrals();
		stores.runs()
			.createRun(new RunRecord(RUN, "nightly", "digest", "scalekit:all connections", false, List.of(),
					RunState.RUNNING, AT, Optional.empty()));
	}

	@Test
	void saveKeepsDifferentAccountsThatShareALine() {
		// what a source without lines used to yield: every record on line 0
		StoredChunk stored = this.store.save(RUN,
				List.of(result("gmail", "a@x.io", 0), result("gmail", "b@x.io", 0), result("slack", "U1", 0)),
				List.of());

		assertThat(stored.results()).isEqualTo(3);
		assertThat(keys()).containsExactly("gmail/a@x.io", "gmail/b@x.io", "slack/U1");
		assertThat(this.store.countRejects(RUN)).isZero();
	}

	@Test
	void saveKeepsOneOutcomePerRecordWhenAResultAndADeferralOfTheSameLineMeet() {
		AccountRef replayed = account("gmail", "a@x.io", 7);
		StoredChunk stored = this.store.save(RUN, "0/1", List.of(result("slack", "U1", 7), result(replayed)), List.of(),
				List.of(new DeferredAudit(replayed, AttemptTally.failures(1), AT.plusSeconds(30), "503"),
						new DeferredAudit(account("github", "octo", 7), AttemptTally.failures(1), AT.plusSeconds(30),
								"503")));

		assertThat(stored.results()).isEqualTo(2);
		assertThat(stored.deferred()).isEqualTo(1);
		assertThat(keys()).containsExactly("gmail/a@x.io", "slack/U1");
		assertThat(this.deferrals.countDeferred(RUN, "0/1")).isEqualTo(1);
	}

	@Test
	void aDeferralKeepsItsFailuresAndItsRefusalsOfThePaceApart() {
		DeferredAudit deferred = new DeferredAudit(account("gmail", "a@x.io", 4, Map.of("email", "a@x.io")),
				new AttemptTally(2, 3), AT.plusSeconds(1), "HTTP 429 RATE_LIMITED");
		this.store.save(RUN, "0/1", List.of(), List.of(), List.of(deferred));

		assertThat(this.deferrals.deferred(RUN, "0/1", AT.plusSeconds(1), 0, 10)).containsExactly(deferred);
	}

	@Test
	void saveRejectsTheLaterLineOfAnAccountListedTwice() {
		this.store.save(RUN, List.of(result("gmail", "a@x.io", 3)), List.of());
		this.store.save(RUN, List.of(result("gmail", "a@x.io", 9), result("gmail", "b@x.io", 10)), List.of());

		assertThat(keys()).containsExactly("gmail/a@x.io", "gmail/b@x.io");
		List<String> rejects = new ArrayList<>();
		this.store.forEachReject(RUN, (reject) -> rejects.add(reject.line() + " " + reject.reason()));
		assertThat(rejects).containsExactly("9 duplicate of line 3");
	}

	private List<String> keys() {
		List<String> keys = new ArrayList<>();
		this.store.forEachResult(RUN, (row) -> keys.add(row.connectionName() + "/" + row.identifier()));
		return keys.stream().sorted().toList();
	}

	private static AccountRef account(String connection, String identifier, long line) {
		return account(connection, identifier, line, Map.of());
	}

	private static AccountRef account(String connection, String identifier, long line, Map<String, String> extras) {
		return new AccountRef(connection, identifier, line, extras);
	}

	private static AuditResult result(String connection, String identifier, long line) {
		return result(account(connection, identifier, line));
	}

	private static AuditResult result(AccountRef account) {
		return new AuditResult(account, "ca_1", "ACTIVE",
				new Verdict(List.of(Finding.HEALTHY), Evidence.NONE, Optional.empty()), List.of(), List.of(), "probe",
				ProbeStatus.SUCCEEDED, AT, Optional.empty(), "");
	}

}
