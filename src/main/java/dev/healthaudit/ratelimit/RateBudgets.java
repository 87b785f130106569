package dev.healthaudit.ratelimit;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.healthaudit.scalekit.CallListener;
import dev.healthaudit.scalekit.Route;

/**
 * The run's rate budgets, plugged into the Scalekit client as its {@link CallListener}:
 * every request waits for the environment budget, and a tool call also for its
 * connection's probe budget, before it leaves. Every answer is evidence for the budgets
 * it passed: a Scalekit 429 against the environment budget, a provider 429 against its
 * connection's; each budget slows only when refusals are sustained (see the package
 * documentation). Thread-safe.
 */
public final class RateBudgets implements CallListener {

	/** How the Scalekit environment budget is named in waits and logs. */
	public static final String ENVIRONMENT = "scalekit";

	private static final Logger logger = LoggerFactory.getLogger(RateBudgets.class);

	private final RateBudget environment;

	private final Map<String, RateBudget> connections;

	RateBudgets(RateBudget environment, Map<String, RateBudget> connections) {
		this.environment = environment;
		this.connections = Collections.unmodifiableMap(new LinkedHashMap<>(connections));
	}

	/**
	 * @param requestsPerMinute the Scalekit environment budget (every request counts)
	 * @param connectionRates probe requests per second for each connection name (only its
	 * tool calls count)
	 * @param nanoTime a monotonic time source, {@code System::nanoTime} outside tests
	 */
	public static RateBudgets of(int requestsPerMinute, Map<String, Double> connectionRates, LongSupplier nanoTime,
			Sleeper sleeper) {
		return of(requestsPerMinute, connectionRates, nanoTime, sleeper, TokenBuckets.local(nanoTime));
	}

	/**
	 * As {@link #of(int, Map, LongSupplier, Sleeper)}, with the token buckets kept in
	 * {@code buckets}: with {@link SharedBuckets}, every process using the same ones
	 * spends these budgets together.
	 */
	public static RateBudgets of(int requestsPerMinute, Map<String, Double> connectionRates, LongSupplier nanoTime,
			Sleeper sleeper, TokenBuckets buckets) {
		return of(requestsPerMinute, connectionRates, nanoTime, sleeper, buckets, RateBudget.DEFAULT_MAX_PAUSE);
	}

	/**
	 * As {@link #of(int, Map, LongSupplier, Sleeper, TokenBuckets)}, with the longest
	 * pause a {@code Retry-After} may impose on a budget (the policy's maximum backoff).
	 */
	public static RateBudgets of(int requestsPerMinute, Map<String, Double> connectionRates, LongSupplier nanoTime,
			Sleeper sleeper, TokenBuckets buckets, Duration maxPause) {
		Map<String, RateBudget> connections = new LinkedHashMap<>();
		connectionRates.forEach((name, perSecond) -> connections.put(name, new RateBudget(name, perSecond, nanoTime,
				sleeper, buckets, "connection/" + name, maxPause, AdaptiveRate.PROVIDER)));
		return new RateBudgets(new RateBudget(ENVIRONMENT, requestsPerMinute / 60.0, nanoTime, sleeper, buckets,
				"environment", maxPause), connections);
	}

	/**
	 * Waits for the connection's budget first and the environment's last, so that the
	 * environment budget, the one every request shares, is taken immediately before the
	 * request leaves; the connection's queue is held meanwhile, so that its requests
	 * leave no closer together than its own tokens allow.
	 */
	@Override
	public void beforeCall(Route route, String connector) {
		try {
			RateBudget connection = connectionBudget(route, connector);
			if (connection != null) {
				connection.acquire(this.environment::acquire);
			}
			else {
				this.environment.acquire();
			}
		}
		catch (InterruptedException ex) {
			// shutting down: keep the flag, so that the HTTP client gives up on the
			// request at once
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A 429 is evidence against the budget it came from: Scalekit's own
	 * {@code RATE_LIMITED} against the environment budget, a provider's
	 * ({@code TOOL_ERROR}) against its connection's. The budget weighs it against its
	 * recent requests: a sporadic one (one user's quota, a gateway's hiccup) changes
	 * nothing, sustained ones lower the rate.
	 */
	@Override
	public void afterCall(Route route, String connector, Ending ending) {
		if (ending.httpStatus() == 0) {
			return;
		}
		boolean scalekitRefused = ending.rateLimited() && !ending.providerError();
		answer(this.environment, scalekitRefused, ending);
		RateBudget connection = connectionBudget(route, connector);
		if (connection != null && !scalekitRefused) {
			// the provider answered (a tool call Scalekit refused never reached it)
			answer(connection, ending.rateLimited(), ending);
		}
	}

	private void answer(RateBudget budget, boolean refused, Ending ending) {
		if (!refused) {
			budget.accepted();
			return;
		}
		budget.rateLimited(ending.retryAfter(), ending.request());
		logger.debug("429 for budget {}, now at {}/s", budget.name(), String.format("%.2f", budget.currentRate()));
	}

	private @Nullable RateBudget connectionBudget(Route route, String connector) {
		return (route == Route.EXECUTE_TOOL) ? this.connections.get(connector) : null;
	}

	public RateBudget environment() {
		return this.environment;
	}

	/**
	 * The budget of {@code connection}'s probes, or null when the policy has none for it.
	 */
	public @Nullable RateBudget connection(String connection) {
		return this.connections.get(connection);
	}

	/**
	 * Time spent waiting per budget, the environment first, then connections in policy
	 * order. A connection named like the environment budget is listed as
	 * {@code connection:<name>}, so neither hides the other.
	 */
	public Map<String, Duration> waits() {
		Map<String, Duration> waits = new LinkedHashMap<>();
		waits.put(this.environment.name(), this.environment.waited());
		this.connections.forEach((name, budget) -> waits
			.put(name.equals(this.environment.name()) ? "connection:" + name : name, budget.waited()));
		return waits;
	}

	/**
	 * Time spent waiting on all budgets together (all threads added up), e.g. for
	 * {@code rate_limit_wait_seconds}.
	 */
	public Duration totalWait() {
		return waits().values().stream().reduce(Duration.ZERO, Duration::plus);
	}

	/**
	 * These budgets as a listener for the run's second pass, which audits again the
	 * accounts deferred after a transient failure. There a provider 429 does not count
	 * towards its connection's pressure: the accounts were singled out by refusals of
	 * their own (their connection's other accounts passed, or the first pass would have
	 * slowed it), so a second pass that consists of them would otherwise look like a
	 * connection over its quota and crawl at the floor rate. Every call still waits for
	 * its budgets, and Scalekit's own 429s slow the environment.
	 */
	public CallListener forRepeatedAttempts() {
		return new CallListener() {

			@Override
			public void beforeCall(Route route, String connector) {
				RateBudgets.this.beforeCall(route, connector);
			}

			@Override
			public void afterCall(Route route, String connector, Ending ending) {
				if (route == Route.EXECUTE_TOOL && ending.providerError() && ending.rateLimited()) {
					return;
				}
				RateBudgets.this.afterCall(route, connector, ending);
			}

		};
	}

}
