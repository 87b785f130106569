package dev.healthaudit.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccessReviewTests {

	private static final Instant CHECKED = Instant.parse("2026-04-01T02:00:30Z");

	private final AccessReview review = new AccessReview(new AccessReviewPolicy(
			Map.of("gmail", List.of("https://www.googleapis.com/auth/gmail.readonly"), "github", List.of("read:user")),
			Duration.ofDays(90)));

	@Test
	void unusedDaysAreWholeDaysFromTheLastRealUseToTheCheck() {
		assertThat(AccessReview.unusedDays(Optional.of(CHECKED.minus(Duration.ofDays(3)).plusSeconds(1)), CHECKED))
			.isEqualTo(OptionalLong.of(2));
		assertThat(AccessReview.unusedDays(Optional.of(CHECKED.minus(Duration.ofDays(3))), CHECKED))
			.isEqualTo(OptionalLong.of(3));
		assertThat(AccessReview.unusedDays(Optional.of(CHECKED.plusSeconds(2)), CHECKED)).as("clock difference")
			.isEqualTo(OptionalLong.of(0));
		assertThat(AccessReview.unusedDays(Optional.empty(), CHECKED)).isEmpty();
	}

	@Test
	void excessScopesFollowTheConnectionsRequiredScopes() {
		assertThat(this.review.excessScopes("gmail",
				List.of("https://www.googleapis.com/auth/gmail.readonly", "https://mail.google.com/")))
			.contains(List.of("https://mail.google.com/"));
		assertThat(this.review.excessScopes("gmail", List.of("https://mail.google.com/"))).contains(List.of());
		assertThat(this.review.excessScopes("notion", List.of("read"))).as("connection not in the policy").isEmpty();
	}

}
