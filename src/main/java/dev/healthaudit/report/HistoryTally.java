package dev.healthaudit.report;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import dev.healthaudit.finding.Finding;
import dev.healthaudit.result.AgeBand;
import dev.healthaudit.result.ResultRow;

/**
 * The history counts that come from every result (problem accounts per age band, the
 * access review per connection), tallied while the CSV pass streams the results: no scan
 * of their own, and the counts are those of the rows the CSV files hold. Few keys
 * whatever the number of accounts.
 */
final class HistoryTally implements Consumer<ResultRow> {

	private final AccessReview review;

	private final Duration unusedAfter;

	private final Map<Finding, Map<AgeBand, Long>> ages = new EnumMap<>(Finding.class);

	private final Map<String, AccessReview.Counts> byConnection = new TreeMap<>();

	HistoryTally(AccessReviewPolicy policy) {
		this.review = new AccessReview(policy);
		this.unusedAfter = policy.unusedAfter();
	}

	@Override
	public void accept(ResultRow row) {
		if (row.health().isProblem()) {
			AgeBand band = AgeBand.of(Duration.between(row.history().healthSince(), row.checkedAt()));
			this.ages.computeIfAbsent(row.health(), (health) -> new EnumMap<>(AgeBand.class))
				.merge(band, 1L, Long::sum);
		}
		if (AccessReview.reviews(row)) {
			boolean unknown = row.history().lastRealUse().isEmpty();
			boolean unused = !unknown && Duration.between(row.history().lastRealUse().get(), row.checkedAt())
				.compareTo(this.unusedAfter) > 0;
			boolean excessive = this.review.excessScopes(row.connectionName(), row.grantedScopes())
				.map((scopes) -> !scopes.isEmpty())
				.orElse(false);
			this.byConnection.merge(row.connectionName(),
					new AccessReview.Counts(1, unused ? 1 : 0, unknown ? 1 : 0, excessive ? 1 : 0),
					AccessReview.Counts::plus);
		}
	}

	/**
	 * Problem accounts per health and age band (age: from {@code health_since} to
	 * {@code checked_at}).
	 */
	Map<Finding, Map<AgeBand, Long>> ages() {
		return this.ages;
	}

	AccessReview.Summary accessReview() {
		AccessReview.Counts total = this.byConnection.values()
			.stream()
			.reduce(AccessReview.Counts.NONE, AccessReview.Counts::plus);
		return new AccessReview.Summary(this.unusedAfter, total, this.byConnection);
	}

}
