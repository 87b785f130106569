package dev.healthaudit.policy;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * The policy's {@code access-review} section: which grants {@code access-review.csv} and
 * the summary count as unused.
 *
 * @param unusedAfter a grant whose last real use (by anything other than this job) is
 * older than this at its check counts as unused; 90 days unless set. Under a second
 * nothing could be used recently enough. Unlike the other durations of a policy it has
 * always accepted a bare number, as milliseconds.
 */
public record AccessReviewSettings(@DefaultValue("90d") @DurationUnit(ChronoUnit.MILLIS) @DurationMin(seconds = 1,
		message = AccessReviewSettings.AT_LEAST_A_SECOND) Duration unusedAfter) {

	static final String AT_LEAST_A_SECOND = "invalid value '{duration}' for '{key}' (expected a duration of at least 1s,"
			+ " such as 90d)";

	/** The settings used when the policy has no {@code access-review} section. */
	public static AccessReviewSettings defaults() {
		return PolicyDefaults.of(AccessReviewSettings.class);
	}

}
