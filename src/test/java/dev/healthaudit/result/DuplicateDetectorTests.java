package dev.healthaudit.result;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.healthaudit.account.AccountRef;
import dev.healthaudit.account.RejectedInput;
import dev.healthaudit.finding.Finding;
import dev.healthaudit.probe.AuditResult;
import dev.healthaudit.probe.DeferredAudit;
import dev.healthaudit.probe.Evidence;
import dev.healthaudit.probe.ProbeReport.ProbeStatus;
import dev.healthaudit.probe.Verdict;
import dev.healthaudit.ratelimit.AttemptTally;
import dev.healthaudit.result.DuplicateDetector.Key;
import dev.healthaudit.result.DuplicateDetector.Screened;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link DuplicateDetector} keeps of a chunk, from the chunk and the lines the run
 * holds already.
 */
class DuplicateDetectorTests {

	private static final Instant AT = Instant.parse("2026-03-02T02:00:00Z");

	private static final Key ANN = new Key("gmail", "ann@x.io");

	private static final Map<Key, Long> NOTHING_STORED = Map.of();

	@Test
	void accountsAreTheDistinctAccountsOfTheResultsAndDeferrals() {
		assertThat(DuplicateDetector.accounts(List.of(result("gmail", "ann@x.io", 3), result("slack", "U1", 4)),
				List.of(deferral("gmail", "ann@x.io", 9), deferral("github", "octo", 5))))
			.containsExactly(ANN, new Key("slack", "U1"), new Key("github", "octo"));
	}

	@Test
	void screenKeepsAChunkOfFreshAccountsWhole() {
		RejectedInput empty = new RejectedInput(4, "empty_identifier", "gmail,");
		Screened chunk = DuplicateDetector.screen(List.of(result("gmail", "ann@x.io", 3), result("slack", "U1", 5)),
				List.of(empty), List.of(deferral("github", "octo", 6)), NOTHING_STORED);

		assertThat(lines(chunk)).containsExactly("results 3 gmail/ann@x.io, 5 slack/U1", "rejects 4 empty_identifier",
				"deferred 6 github/octo", "held []");
	}

	@Test
	void screenRejectsTheLaterLineOfAnAccountListedTwiceInOneChunk() {
		Screened chunk = DuplicateDetector.screen(
				List.of(result("gmail", "ann@x.io", 7), result("slack", "U1", 5), result("gmail", "ann@x.io", 3)),
				List.of(), List.of(), NOTHING_STORED);

		assertThat(lines(chunk)).containsExactly("results 3 gmail/ann@x.io, 5 slack/U1",
				"rejects 7 duplicate of line 3", "deferred ", "held [7]");
		assertThat(chunk.rejects()).containsExactly(new RejectedInput(7, "duplicate of line 3", "gmail,ann@x.io"));
	}

	@Test
	void screenRejectsAResultOfAnAccountDeferredAtAnEarlierLineOfTheChunk() {
		Screened chunk = DuplicateDetector.screen(List.of(result("gmail", "ann@x.io", 8)), List.of(),
				List.of(deferral("gmail", "ann@x.io", 2)), NOTHING_STORED);

		assertThat(lines(chunk)).containsExactly("results ", "rejects 8 duplicate of line 2",
				"deferred 2 gmail/ann@x.io", "held [8]");
	}

	@Test
	void screenRejectsADuplicateOfAStoredResultAfterTheChunksOwnRejects() {
		RejectedInput empty = new RejectedInput(9, "empty_identifier", "gmail,");
		Screened chunk = DuplicateDetector.screen(List.of(result("gmail", "ann@x.io", 5), result("slack", "U1", 6)),
				List.of(empty), List.of(), Map.of(ANN, 2L));

		assertThat(lines(chunk)).containsExactly("results 6 slack/U1",
				"rejects 9 empty_identifier, 5 duplicate of line 2", "deferred ", "held [5]");
	}

	@Test
	void screenRejectsAResultOrADeferralOfAnAccountDeferredAtAnEarlierLine() {
		// the stored line is the account's deferral, waiting for the second pass
		Screened chunk = DuplicateDetector.screen(List.of(result("gmail", "ann@x.io", 5)), List.of(),
				List.of(deferral("gmail", "ann@x.io", 11)), Map.of(ANN, 2L));

		assertThat(lines(chunk)).containsExactly("results ", "rejects 5 duplicate of line 2, 11 duplicate of line 2",
				"deferred ", "held [5, 11]");
	}

	@Test
	void screenKeepsTheNextAttemptOfADeferredAccountAndEndsItsDeferral() {
		Screened audited = DuplicateDetector.screen(List.of(result("gmail", "ann@x.io", 5)), List.of(), List.of(),
				Map.of(ANN, 5L));
		Screened deferredAgain = DuplicateDetector.screen(List.of(), List.of(),
				List.of(deferral("gmail", "ann@x.io", 5)), Map.of(ANN, 5L));

		assertThat(lines(audited)).containsExactly("results 5 gmail/ann@x.io", "rejects ", "deferred ", "held [5]");
		assertThat(lines(deferredAgain)).containsExactly("results ", "rejects ", "deferred 5 gmail/ann@x.io",
				"held [5]");
	}

	@Test
	void screenKeepsALineReplayedAfterACrashSoThatItOverwritesItsOwnRows() {
		Screened chunk = DuplicateDetector.screen(List.of(result("gmail", "ann@x.io", 7), result("slack", "U1", 8)),
				List.of(), List.of(), Map.of(ANN, 7L, new Key("slack", "U1"), 8L));

		assertThat(lines(chunk)).containsExactly("results 7 gmail/ann@x.io, 8 slack/U1", "rejects ", "deferred ",
				"held [7, 8]");
	}

	@Test
	void screenDropsARepeatOfARecordOnlyWhenItsLineAndAccountBothMatch() {
		// input replayed past a restart while the same record's deferral came due: a
		// result before a deferral
		Screened chunk = DuplicateDetector.screen(List.of(result("slack", "U1", 7), result("gmail", "ann@x.io", 7)),
				List.of(), List.of(deferral("gmail", "ann@x.io", 7), deferral("github", "octo", 7)), Map.of(ANN, 7L));

		assertThat(lines(chunk)).containsExactly("results 7 gmail/ann@x.io, 7 slack/U1", "rejects ",
				"deferred 7 github/octo", "held [7]");
	}

	@Test
	void screenKeepsDifferentAccountsThatShareALine() {
		// what a source without lines used to yield: every record on line 0
		Screened chunk = DuplicateDetector.screen(
				List.of(result("gmail", "b@x.io", 0), result("gmail", "ann@x.io", 0), result("slack", "U1", 0)),
				List.of(), List.of(), NOTHING_STORED);

		assertThat(lines(chunk)).containsExactly("results 0 gmail/ann@x.io, 0 gmail/b@x.io, 0 slack/U1", "rejects ",
				"deferred ", "held []");
	}

	@Test
	void screenRejectsAnAccountThatAnotherShardHoldsAtAnEarlierLine() {
		// the stored lines come from every shard: shard 1/2 deferred the account at line
		// 4
		Screened chunk = DuplicateDetector.screen(List.of(result("gmail", "ann@x.io", 9)), List.of(),
				List.of(deferral("slack", "U1", 10)), Map.of(ANN, 4L));

		assertThat(lines(chunk)).containsExactly("results ", "rejects 9 duplicate of line 4", "deferred 10 slack/U1",
				"held [9]");
	}

	@Test
	void screenKeepsAnAccountThatAnotherShardHoldsOnlyAtALaterLine() {
		// the earlier line is the one kept: the other shard's line becomes the duplicate
		// when it is stored again
		Screened chunk = DuplicateDetector.screen(List.of(result("gmail", "ann@x.io", 4)), List.of(), List.of(),
				Map.of(ANN, 12L));

		assertThat(lines(chunk)).containsExactly("results 4 gmail/ann@x.io", "rejects ", "deferred ", "held [4]");
	}

	/**
	 * The screened chunk as four lines: results, rejects, deferrals (in input order),
	 * held lines.
	 */
	private static List<String> lines(Screened chunk) {
		return List.of("results " + joined(chunk.results().stream().map((result) -> key(result.account())).toList()),
				"rejects " + joined(chunk.rejects().stream().map(DuplicateDetectorTests::reject).toList()),
				"deferred " + joined(chunk.deferred().stream().map((deferral) -> key(deferral.account())).toList()),
				"held " + chunk.heldLines());
	}

	private static String joined(List<String> values) {
		return String.join(", ", values);
	}

	private static String reject(RejectedInput reject) {
		return reject.line() + " " + reject.reason();
	}

	private static String key(AccountRef account) {
		return account.line() + " " + account.connectionName() + "/" + account.identifier();
	}

	private static AccountRef account(String connection, String identifier, long line) {
		return new AccountRef(connection, identifier, line, Map.of());
	}

	private static DeferredAudit deferral(String connection, String identifier, long line) {
		return new DeferredAudit(account(connection, identifier, line), AttemptTally.failures(1), AT.plusSeconds(30),
				"503");
	}

	private static AuditResult result(String connection, String identifier, long line) {
		return new AuditResult(account(connection, identifier, line), "ca_1", "ACTIVE",
				new Verdict(List.of(Finding.HEALTHY), Evidence.NONE, Optional.empty()), List.of(), List.of(), "probe",
				ProbeStatus.SUCCEEDED, AT, Optional.empty(), "");
	}

}
