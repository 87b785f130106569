package dev.healthaudit.ratelimit;

import java.time.Duration;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;

/**
 * The one bucket shape every budget uses: refilled greedily (a token at a time, evenly
 * spaced) at the budget's rate, holding at most a fiftieth of a second's worth of tokens
 * (at least one). Any one-second window then sees at most capacity + rate - 1 requests,
 * which is within rate + 10 % (product §7); a minute's burst is never possible. The small
 * capacity also keeps 100 ms windows near a tenth of the rate: gateways that enforce
 * short windows refused the bursts a tenth of a second's worth allowed (the throughput
 * benchmark's sandbox answered 5-13 429s a run), and refusals slow a budget down.
 */
final class SmoothBandwidth {

	private SmoothBandwidth() {
	}

	static long capacity(double perSecond) {
		return Math.max(1, (long) Math.floor(perSecond / 50));
	}

	static Bandwidth of(double perSecond) {
		long capacity = capacity(perSecond);
		// capacity tokens per capacity/rate seconds is exactly `rate`, also for
		// fractional rates such as 0.5/s
		Duration period = Duration.ofNanos(Math.max(1, Math.round(capacity * 1e9 / perSecond)));
		return Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build();
	}

	static BucketConfiguration configuration(double perSecond) {
		return BucketConfiguration.builder().addLimit(of(perSecond)).build();
	}

	/**
	 * The rate a configuration of this shape allows, requests per second (to within the
	 * period's rounding).
	 */
	static double rateOf(BucketConfiguration configuration) {
		Bandwidth limit = configuration.getBandwidths()[0];
		return limit.getRefillTokens() * 1e9 / limit.getRefillPeriodNanos();
	}

}
