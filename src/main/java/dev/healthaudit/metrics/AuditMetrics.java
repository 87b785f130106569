package dev.healthaudit.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.healthaudit.probe.AuditResult;
import dev.healthaudit.ratelimit.RateBudgets;
import dev.healthaudit.scalekit.CallListener;
import dev.healthaudit.scalekit.Route;

/**
 * The run's own meters: accounts audited by health and connection, API calls by route and
 * status, retries, time waited on each rate budget and the run's duration. A
 * {@link CallListener} too, so the Scalekit client feeds it without knowing about
 * metrics. Thread-safe.
 */
public final class AuditMetrics implements CallListener {

	public static final String ACCOUNTS = "audit.accounts";

	public static final String API_CALLS = "audit.api.calls";

	public static final String RETRIES = "audit.retries";

	public static final String RATE_LIMIT_WAIT = "audit.ratelimit.wait";

	public static final String RUN_DURATION = "audit.run.duration";

	/**
	 * The {@code status} tag of a request that got no answer (timeout, connection
	 * refused).
	 */
	public static final String NO_ANSWER = "none";

	private final MeterRegistry registry;

	/**
	 * What the function counters read. Micrometer holds them weakly; they must still
	 * answer when the meters are pushed after the run, when nothing else may hold them
	 * any more.
	 */
	private final List<Object> bound = new CopyOnWriteArrayList<>();

	public AuditMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	public MeterRegistry registry() {
		return this.registry;
	}

	@Override
	public void afterCall(Route route, String connector, int httpStatus) {
		// counted when ended, like CallCounter: a call still waiting for its rate budget
		// has not happened yet
		Counter.builder(API_CALLS)
			.description("HTTP requests sent to Scalekit, token requests and retries included")
			.tag("route", route.label())
			.tag("status", (httpStatus > 0) ? Integer.toString(httpStatus) : NO_ANSWER)
			.register(this.registry)
			.increment();
	}

	/**
	 * One account audited by this process (a replayed chunk's accounts count again: they
	 * were audited again).
	 */
	public void audited(AuditResult result) {
		Counter.builder(ACCOUNTS)
			.description("accounts audited by this process")
			.tag("health", result.health().name())
			.tag("connection", result.account().connectionName())
			.register(this.registry)
			.increment();
	}

	/** Reads retries from the run's own tally rather than counting them a second time. */
	public void bindRetries(LongSupplier retries) {
		this.bound.add(retries);
		FunctionCounter.builder(RETRIES, retries, (supplier) -> supplier.getAsLong())
			.description("retries of transient failures (429, 5xx, timeouts)")
			.register(this.registry);
	}

	/**
	 * Time waited on each rate budget (all threads added up), in seconds, tagged with the
	 * budget's name.
	 */
	public void bindRateLimitWaits(RateBudgets budgets) {
		this.bound.add(budgets);
		for (String budget : budgets.waits().keySet()) {
			FunctionCounter
				.builder(RATE_LIMIT_WAIT, budgets, (all) -> seconds(all.waits().getOrDefault(budget, Duration.ZERO)))
				.description("time spent waiting for a rate budget before requests could leave")
				.baseUnit("seconds")
				.tag("budget", budget)
				.register(this.registry);
		}
	}

	/**
	 * Records how long the run took.
	 * @param outcome how it ended, e.g. {@code completed} or {@code failed}
	 */
	public void runEnded(Duration elapsed, String outcome) {
		Timer.builder(RUN_DURATION)
			.description("duration of the audit command in this process")
			.tag("outcome", outcome.toLowerCase(Locale.ROOT))
			.register(this.registry)
			.record(elapsed);
	}

	private static double seconds(Duration duration) {
		return duration.toNanos() / 1e9;
	}

}
