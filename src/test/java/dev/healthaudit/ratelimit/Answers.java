package dev.healthaudit.ratelimit;

import java.util.Optional;

/** Feeds a budget the answers to its requests, refusals spread evenly among them as a server's would be. */
final class Answers {

	private Answers() {
	}

	/** {@code refused} refusals (without Retry-After) among {@code total} answers, evenly spread. */
	static void spread(RateBudget budget, int total, int refused) {
		int given = 0;
		for (int i = 1; i <= total; i++) {
			if ((long) i * refused / total > given) {
				given++;
				budget.rateLimited(Optional.empty());
			}
			else {
				budget.accepted();
			}
		}
	}

}
