package dev.healthaudit.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import dev.healthaudit.probe.ScopeComparison;
import dev.healthaudit.result.ResultRow;

/**
 * The access review (SOC 2 / ISO 27001 style) of a run's grants:
 * {@code access-review.csv}, one row per account whose status was read (its counts are
 * tallied by {@link HistoryTally}). It changes no health, finding or campaign row.
 */
final class AccessReview {

	/**
	 * Distinct (connection, granted scopes) lists remembered; real fleets have far fewer.
	 */
	private static final int CACHED_GRANTS = 10_000;

	private final AccessReviewPolicy policy;

	private final Map<List<String>, List<String>> excess = new HashMap<>();

	AccessReview(AccessReviewPolicy policy) {
		this.policy = policy;
	}

	/** Whether the account is in the review: its status was read. */
	static boolean reviews(ResultRow row) {
		return !row.status().isEmpty();
	}

	/** {@code access-review.csv}'s cells before the input columns. */
	List<String> cells(ResultRow row) {
		List<String> cells = new ArrayList<>(CsvReports.ACCESS_REVIEW_COLUMNS.size());
		cells.add(row.connectionName());
		cells.add(row.identifier());
		cells.add(row.accountId());
		cells.add(row.status());
		cells.add(String.join(";", row.grantedScopes()));
		cells.add(excessScopes(row.connectionName(), row.grantedScopes()).map((scopes) -> String.join(";", scopes))
			.orElse(""));
		Optional<Instant> lastUse = row.history().lastRealUse();
		cells.add(lastUse.map(CsvReports::rfc3339).orElse(""));
		OptionalLong days = unusedDays(lastUse, row.checkedAt());
		cells.add(days.isPresent() ? Long.toString(days.getAsLong()) : "");
		return cells;
	}

	/**
	 * Granted scopes none of the connection's required scopes needs; empty when the
	 * connection is not known.
	 */
	Optional<List<String>> excessScopes(String connectionName, List<String> granted) {
		Optional<List<String>> required = this.policy.required(connectionName);
		if (required.isEmpty()) {
			return Optional.empty();
		}
		List<String> key = new ArrayList<>(granted.size() + 1);
		key.add(connectionName);
		key.addAll(granted);
		List<String> known = this.excess.get(key);
		if (known == null) {
			if (this.excess.size() >= CACHED_GRANTS) {
				this.excess.clear();
			}
			known = ScopeComparison.excess(required.get(), granted);
			this.excess.put(key, known);
		}
		return Optional.of(known);
	}

	/** Whole days from the last real use to the check; empty when no use is known. */
	static OptionalLong unusedDays(Optional<Instant> lastRealUse, Instant checkedAt) {
		return lastRealUse.map((used) -> OptionalLong.of(Math.max(0, Duration.between(used, checkedAt).toDays())))
			.orElse(OptionalLong.empty());
	}

	/**
	 * @param unusedAfter the policy's limit
	 */
	record Summary(Duration unusedAfter, Counts total, Map<String, Counts> byConnection) {

		static Summary none(Duration unusedAfter) {
			return new Summary(unusedAfter, Counts.NONE, Map.of());
		}

	}

	/**
	 * @param accounts accounts whose status was read
	 * @param unused not really used for longer than the limit
	 * @param noKnownUse no real use known
	 * @param excessScopes holding at least one scope the connection does not need
	 */
	record Counts(long accounts, long unused, long noKnownUse, long excessScopes) {

		static final Counts NONE = new Counts(0, 0, 0, 0);

		Counts plus(Counts other) {
			return new Counts(this.accounts + other.accounts, this.unused + other.unused,
					this.noKnownUse + other.noKnownUse, this.excessScopes + other.excessScopes);
		}

	}

}
