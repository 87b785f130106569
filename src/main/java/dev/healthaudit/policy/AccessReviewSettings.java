package dev.healthaudit.policy;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The policy's {@code access-review} section: which grants {@code access-review.csv} and the summary count as unused.
 *
 * @param unusedAfter a grant whose last real use (by anything other than this job) is older than this at its check
 * counts as unused; 90 days unless set
 */
public record AccessReviewSettings(@DefaultValue("90d") Duration unusedAfter) {

	public static final Duration DEFAULT_UNUSED_AFTER = Duration.ofDays(90);

	public AccessReviewSettings {
		unusedAfter = (unusedAfter != null) ? unusedAfter : DEFAULT_UNUSED_AFTER;
	}

	/** Records a limit under a second (nothing could be used recently enough) as a problem of the policy. */
	static void check(AccessReviewSettings settings, Problems problems) {
		if (settings != null && settings.unusedAfter().compareTo(Duration.ofSeconds(1)) < 0) {
			Duration value = settings.unusedAfter();
			String shown = (value.toMillis() % 1000 == 0) ? value.toSeconds() + "s" : value.toMillis() + "ms";
			problems.add("access-review.unused-after", "invalid value '" + shown
					+ "' for 'access-review.unused-after' (expected a duration of at least 1s, such as 90d)");
		}
	}

	/** The settings used when the policy has no {@code access-review} section. */
	public static AccessReviewSettings defaults() {
		return new AccessReviewSettings(DEFAULT_UNUSED_AFTER);
	}

}
