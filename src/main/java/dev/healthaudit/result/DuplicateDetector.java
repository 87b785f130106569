package dev.healthaudit.result;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.healthaudit.account.AccountRef;
import dev.healthaudit.account.RejectedInput;
import dev.healthaudit.probe.AuditAttempt;
import dev.healthaudit.probe.AuditResult;
import dev.healthaudit.probe.DeferredAudit;

/**
 * Decides what of a chunk is stored: an account that an earlier input line already holds
 * (in the chunk, as a stored result or as a deferral, of any shard) is turned into a
 * reject ({@code duplicate of line N}); a replay of the same line after a restart is
 * kept, and overwrites its own rows. Pure: the store looks up where the chunk's accounts
 * are held already ({@link #accounts}) and stores what {@link #screen} returns.
 */
final class DuplicateDetector {

	private static final Comparator<AuditAttempt> INPUT_ORDER = Comparator
		.comparingLong((AuditAttempt attempt) -> account(attempt).line())
		.thenComparing((attempt) -> account(attempt).connectionName())
		.thenComparing((attempt) -> account(attempt).identifier())
		.thenComparing((attempt) -> attempt instanceof DeferredAudit);

	private DuplicateDetector() {
	}

	/** The chunk's accounts, whose first stored lines {@link #screen} needs. */
	static Set<Key> accounts(List<AuditResult> results, List<DeferredAudit> deferred) {
		Set<Key> keys = new LinkedHashSet<>();
		results.forEach((result) -> keys.add(Key.of(result.account())));
		deferred.forEach((attempt) -> keys.add(Key.of(attempt.account())));
		return keys;
	}

	/**
	 * Screens a chunk against itself and what the run holds already.
	 * @param storedLines the first input line that holds each account in the run's stored
	 * results and deferrals (all shards); an account missing is held nowhere
	 */
	static Screened screen(List<AuditResult> results, List<RejectedInput> rejects, List<DeferredAudit> deferred,
			Map<Key, Long> storedLines) {
		List<RejectedInput> allRejects = new ArrayList<>(rejects);
		List<AuditResult> fresh = new ArrayList<>();
		List<DeferredAudit> freshDeferred = new ArrayList<>();
		List<AuditAttempt> attempts = new ArrayList<>(results);
		attempts.addAll(deferred);
		attempts.sort(INPUT_ORDER);
		Map<Key, Long> seenInChunk = new HashMap<>();
		// lines that may hold a deferral of their own: only an account the run holds
		// already can have one
		List<Long> held = new ArrayList<>();
		long previousLine = Long.MIN_VALUE;
		@Nullable Key previousKey = null;
		for (AuditAttempt attempt : attempts) {
			AccountRef account = account(attempt);
			Key key = Key.of(account);
			if (account.line() == previousLine && key.equals(previousKey)) {
				// the same record twice (input replayed past a restart while its deferral
				// came due): one outcome, a
				// result before a deferral. A line alone is no identity: two accounts
				// never share one
				continue;
			}
			previousLine = account.line();
			previousKey = key;
			Optional<Long> earlier = Optional.ofNullable(seenInChunk.get(key))
				.or(() -> Optional.ofNullable(storedLines.get(key)));
			earlier.ifPresent((line) -> held.add(account.line()));
			if (earlier.isPresent() && earlier.get() < account.line()) {
				allRejects.add(duplicate(account, earlier.get()));
				continue;
			}
			seenInChunk.put(key, account.line());
			if (attempt instanceof AuditResult result) {
				fresh.add(result);
			}
			else {
				freshDeferred.add((DeferredAudit) attempt);
			}
		}
		return new Screened(fresh, allRejects, freshDeferred, held);
	}

	private static AccountRef account(AuditAttempt attempt) {
		return (attempt instanceof AuditResult result) ? result.account() : ((DeferredAudit) attempt).account();
	}

	private static RejectedInput duplicate(AccountRef account, long firstLine) {
		return new RejectedInput(account.line(), "duplicate of line " + firstLine,
				account.connectionName() + "," + account.identifier());
	}

	/**
	 * An account as the run holds it once: {@code (connection name, identifier)},
	 * whatever its line.
	 */
	record Key(String connectionName, String identifier) {

		static Key of(AccountRef account) {
			return new Key(account.connectionName(), account.identifier());
		}

	}

	/**
	 * What of a chunk is stored.
	 *
	 * @param results the results to store
	 * @param rejects the chunk's rejects, then its duplicates in input order
	 * @param deferred the deferrals to store
	 * @param heldLines the lines whose account the run held already: a deferral of their
	 * own, if any, ends
	 */
	record Screened(List<AuditResult> results, List<RejectedInput> rejects, List<DeferredAudit> deferred,
			List<Long> heldLines) {

	}

}
