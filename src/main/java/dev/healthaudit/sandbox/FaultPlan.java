package dev.healthaudit.sandbox;

import java.time.Duration;
import java.util.List;

/**
 * Which transient failures a sandbox injects, deterministically: whether a request is
 * hit, and by which fault, is a function of the seed, the request itself (method, path,
 * query, body) and how many times it arrived before, never of timing or thread order, so
 * the same fleet and plan hit the same accounts' calls in every run. A burst that starts
 * at one arrival of a request fails it {@link #burst()} times in a row, which lets a test
 * choose between "the retries absorb it" and "the retries run out".
 *
 * @param faults the faults to draw from (one per hit request); empty means no faults
 * @param share the chance, 0 to 1, that a burst starts at any one arrival of a request
 * (1: every arrival fails)
 * @param route only requests to this path are hit (e.g. {@code /api/v1/execute_tool});
 * empty for every API route. {@code /oauth/token} is never hit except by
 * {@link Fault#TOKEN_ENDPOINT_DOWN}
 * @param burst how many attempts in a row of a hit request fail (for
 * {@link Fault#TOKEN_ENDPOINT_DOWN}: how many token requests fail)
 * @param delay how late a {@link Fault#READ_TIMEOUT} answer comes
 * @param seed decides which requests are hit
 */
public record FaultPlan(List<Fault> faults, double share, String route, int burst, Duration delay, long seed) {

	public FaultPlan {
		faults = List.copyOf(faults);
		if (share < 0 || share > 1) {
			throw new IllegalArgumentException("fault share must be between 0 and 1: " + share);
		}
		if (burst < 1) {
			throw new IllegalArgumentException("fault burst must be at least 1: " + burst);
		}
		if (delay.isNegative()) {
			throw new IllegalArgumentException("fault delay must not be negative: " + delay);
		}
		route = (route == null) ? "" : route;
	}

	public static FaultPlan none() {
		return new FaultPlan(List.of(), 0, "", 1, Duration.ofSeconds(30), 1);
	}

	/** {@code share} of all API calls hit once each by one of {@code faults}. */
	public static FaultPlan of(double share, Fault... faults) {
		return new FaultPlan(List.of(faults), share, "", 1, Duration.ofSeconds(30), 1);
	}

	public boolean active() {
		return !this.faults.isEmpty() && this.share > 0;
	}

	public FaultPlan withRoute(String route) {
		return new FaultPlan(this.faults, this.share, route, this.burst, this.delay, this.seed);
	}

	public FaultPlan withBurst(int burst) {
		return new FaultPlan(this.faults, this.share, this.route, burst, this.delay, this.seed);
	}

	public FaultPlan withDelay(Duration delay) {
		return new FaultPlan(this.faults, this.share, this.route, this.burst, delay, this.seed);
	}

	public FaultPlan withSeed(long seed) {
		return new FaultPlan(this.faults, this.share, this.route, this.burst, this.delay, seed);
	}

}
