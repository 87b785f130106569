package dev.healthaudit.ratelimit;

import java.util.Optional;

/**
 * Feeds a budget the answers to its requests, refusals spread evenly among them as a
 * server's would be.
 */
final class Answers {

	private Answers() {
	}

	/**
	 * Sends {@code total} requests through the budget, each answered as it leaves:
	 * {@code refused} of them refused (without Retry-After), evenly spread, the rest
	 * accepted. Stops early once the budget lowered its rate.
	 */
	static void sendAndAnswer(RateBudget budget, int total, int refused) throws InterruptedException {
		double configured = budget.currentRate();
		int given = 0;
		for (int i = 1; i <= total && budget.currentRate() == configured; i++) {
			budget.acquire();
			if ((long) i * refused / total > given) {
				given++;
				budget.rateLimited(Optional.empty());
			}
			else {
				budget.accepted();
			}
		}
	}

	/**
	 * {@code refused} refusals (without Retry-After) among {@code total} answers, evenly
	 * spread, all at once.
	 */
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
