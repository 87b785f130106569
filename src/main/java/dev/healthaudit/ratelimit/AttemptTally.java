package dev.healthaudit.ratelimit;

import dev.healthaudit.scalekit.ApiFailure;

/**
 * The failed attempts at one unit of work (an account's audit) so far, in two counts: the
 * failures that the policy's {@code max-attempts} bounds, and Scalekit's own refusals of
 * the environment's rate, which are the job's pace rather than the account's trouble and
 * are bounded apart (see the package documentation).
 *
 * @param failures failed attempts that count towards {@code max-attempts}
 * @param paceRefusals attempts refused with Scalekit's own 429 {@code RATE_LIMITED} that
 * did not count
 */
public record AttemptTally(int failures, int paceRefusals) {

	/** No attempt made yet. */
	public static final AttemptTally NONE = new AttemptTally(0, 0);

	public AttemptTally {
		if (failures < 0 || paceRefusals < 0) {
			throw new IllegalArgumentException(
					"attempt counts must not be negative: " + failures + ", " + paceRefusals);
		}
	}

	/** {@code failures} failed attempts, none of them a refusal of the pace. */
	public static AttemptTally failures(int failures) {
		return new AttemptTally(failures, 0);
	}

	/** Every failed attempt, whether it counted or not. */
	public int total() {
		return this.failures + this.paceRefusals;
	}

	/**
	 * This tally after one more failed attempt: a refusal of the pace is free while fewer
	 * than {@code freePaceRefusals} were, anything else is a failure.
	 */
	AttemptTally after(ApiFailure failure, int freePaceRefusals) {
		if (failure instanceof ApiFailure.RateLimited && this.paceRefusals < freePaceRefusals) {
			return new AttemptTally(this.failures, this.paceRefusals + 1);
		}
		return new AttemptTally(this.failures + 1, this.paceRefusals);
	}

}
