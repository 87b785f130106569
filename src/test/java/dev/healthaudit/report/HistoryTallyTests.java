package dev.healthaudit.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.healthaudit.finding.Finding;
import dev.healthaudit.result.AgeBand;
import dev.healthaudit.result.ResultRow;
import dev.healthaudit.result.RowHistory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The counts taken from every result as the CSV files are written: problem ages and the
 * access review.
 */
class HistoryTallyTests {

	private static final Instant CHECKED = Instant.parse("2026-04-01T02:00:30Z");

	private final HistoryTally tally = new HistoryTally(new AccessReviewPolicy(
			Map.of("github", List.of("read:user"), "gmail", List.of("https://www.googleapis.com/auth/gmail.readonly")),
			Duration.ofDays(90)));

	@Test
	void problemsAreCountedByHealthAndAgeBand() {
		this.tally.accept(row("github", "a", Finding.EXPIRED, List.of(), CHECKED.minus(Duration.ofDays(1)), null));
		this.tally.accept(row("github", "b", Finding.EXPIRED, List.of(), CHECKED.minus(Duration.ofHours(23)), null));
		this.tally
			.accept(row("github", "c", Finding.INCONCLUSIVE, List.of(), CHECKED.minus(Duration.ofDays(30)), null));
		this.tally.accept(row("github", "d", Finding.HEALTHY, List.of(), CHECKED.minus(Duration.ofDays(300)), null));
		assertThat(this.tally.ages())
			.isEqualTo(Map.of(Finding.EXPIRED, Map.of(AgeBand.ONE_TO_7_DAYS, 1L, AgeBand.UNDER_1_DAY, 1L),
					Finding.INCONCLUSIVE, Map.of(AgeBand.OVER_30_DAYS, 1L)));
	}

	@Test
	void theAccessReviewCountsReadGrantsPerConnection() {
		Instant longAgo = CHECKED.minus(Duration.ofDays(90)).minusSeconds(1);
		this.tally
			.accept(row("github", "unused", Finding.HEALTHY, List.of("read:user", "admin:org"), CHECKED, longAgo));
		this.tally.accept(row("github", "limit", Finding.HEALTHY, List.of("read:user"), CHECKED,
				CHECKED.minus(Duration.ofDays(90))));
		this.tally.accept(row("github", "never", Finding.EXPIRED, List.of("read:user"), CHECKED, null));
		this.tally
			.accept(row("gmail", "broad", Finding.HEALTHY, List.of("https://mail.google.com/"), CHECKED, CHECKED));
		ResultRow notRead = new ResultRow("gmail", "ghost", 9, "", "", Finding.NOT_FOUND, List.of(Finding.NOT_FOUND),
				List.of(), List.of(), "", "NOT_RUN", 404, "", "", "", "", CHECKED, Map.of(), Optional.empty(),
				Optional.empty());
		this.tally.accept(notRead);
		AccessReview.Summary summary = this.tally.accessReview();
		assertThat(summary.unusedAfter()).isEqualTo(Duration.ofDays(90));
		assertThat(summary.byConnection()).containsExactly(Map.entry("github", new AccessReview.Counts(3, 1, 1, 1)),
				Map.entry("gmail", new AccessReview.Counts(1, 0, 0, 0)));
		assertThat(summary.total()).isEqualTo(new AccessReview.Counts(4, 1, 1, 1));
	}

	private static ResultRow row(String connection, String identifier, Finding health, List<String> granted,
			Instant healthSince, Instant lastRealUse) {
		return new ResultRow(connection, identifier, 2, "ca_1", "ACTIVE", health, List.of(health), List.of(), granted,
				"", "NOT_RUN", 0, "", "", "", "", CHECKED, Map.of(), Optional.empty(), Optional.empty(),
				new RowHistory(healthSince, Optional.empty(), 0, Optional.ofNullable(lastRealUse)));
	}

}
