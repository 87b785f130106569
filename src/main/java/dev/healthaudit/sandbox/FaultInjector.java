package dev.healthaudit.sandbox;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Applies a {@link FaultPlan}: decides per request whether and how it fails. The n-th
 * arrival of the same request (method, path, query, body) is hit when a burst starts at
 * one of its last {@code burst} arrivals, and whether a burst starts at an arrival is a
 * hash of the seed, the request and the arrival number: the same in every run, whatever
 * the thread interleaving. The hash also picks the fault. Keeps one counter per distinct
 * request, which is fine for a test fleet (faults are off unless asked for).
 */
final class FaultInjector {

	static final String TOKEN_PATH = "/oauth/token";

	private final FaultPlan plan;

	private final Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();

	private final AtomicInteger tokenFailuresLeft = new AtomicInteger();

	private final Map<Fault, LongAdder> injected = new EnumMap<>(Fault.class);

	FaultInjector(FaultPlan plan) {
		this.plan = plan;
		for (Fault fault : Fault.values()) {
			this.injected.put(fault, new LongAdder());
		}
	}

	FaultPlan plan() {
		return this.plan;
	}

	/**
	 * The fault this request gets, if any. Never one for the token endpoint: its outage
	 * is {@link #tokenEndpointDown()}.
	 */
	Optional<Fault> decide(String method, String path, String query, String body) {
		if (!this.plan.active() || path.equals(TOKEN_PATH)
				|| (!this.plan.route().isEmpty() && !this.plan.route().equals(path))) {
			return Optional.empty();
		}
		String key = RequestHash.key(method, path, query, body);
		int arrival = this.arrivals.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
		long requestHash = RequestHash.fnv(key);
		for (int start = Math.max(1, arrival - this.plan.burst() + 1); start <= arrival; start++) {
			long draw = RequestHash.mix(requestHash ^ RequestHash.mix(this.plan.seed() * 31 + start));
			if (RequestHash.unit(draw) < this.plan.share()) {
				int pick = (int) Math.floorMod(RequestHash.mix(draw), (long) this.plan.faults().size());
				Fault fault = this.plan.faults().get(pick);
				if (fault.stage() == Fault.Stage.TOKEN && start != arrival) {
					continue; // a token fault strikes once; the burst of
								// TOKEN_ENDPOINT_DOWN is its outage
				}
				this.injected.get(fault).increment();
				return Optional.of(fault);
			}
		}
		return Optional.empty();
	}

	/** Starts an outage of the token endpoint for the plan's burst of token requests. */
	void startTokenOutage() {
		this.tokenFailuresLeft.set(this.plan.burst());
	}

	/** Whether this token request falls into an outage (and counts it). */
	boolean tokenEndpointDown() {
		return this.tokenFailuresLeft.getAndUpdate((left) -> Math.max(0, left - 1)) > 0;
	}

	/** How many times each fault struck so far. */
	Map<Fault, Long> injected() {
		Map<Fault, Long> counts = new EnumMap<>(Fault.class);
		this.injected.forEach((fault, count) -> {
			if (count.sum() > 0) {
				counts.put(fault, count.sum());
			}
		});
		return counts;
	}

}
