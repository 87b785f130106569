package dev.healthaudit.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Applies a {@link FaultPlan}: decides per request whether and how it fails. The n-th arrival of the same request
 * (method, path, query, body) is hit when a burst starts at one of its last {@code burst} arrivals, and whether a
 * burst starts at an arrival is a hash of the seed, the request and the arrival number: the same in every run,
 * whatever the thread interleaving. The hash also picks the fault. Keeps one counter per distinct request, which is
 * fine for a test fleet (faults are off unless asked for).
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

	/** The fault this request gets, if any. Never one for the token endpoint: its outage is {@link #tokenEndpointDown()}. */
	Optional<Fault> decide(String method, String path, String query, String body) {
		if (!this.plan.active() || path.equals(TOKEN_PATH)
				|| (!this.plan.route().isEmpty() && !this.plan.route().equals(path))) {
			return Optional.empty();
		}
		String key = method + " " + path + "?" + ((query != null) ? query : "") + "\n" + body;
		int arrival = this.arrivals.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
		long requestHash = fnv(key);
		for (int start = Math.max(1, arrival - this.plan.burst() + 1); start <= arrival; start++) {
			long draw = mix(requestHash ^ mix(this.plan.seed() * 31 + start));
			if (unit(draw) < this.plan.share()) {
				Fault fault = this.plan.faults().get((int) Math.floorMod(mix(draw), (long) this.plan.faults().size()));
				if (fault.stage() == Fault.Stage.TOKEN && start != arrival) {
					continue; // a token fault strikes once; the burst of TOKEN_ENDPOINT_DOWN is its outage
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

	private static double unit(long bits) {
		return (bits >>> 11) * 0x1.0p-53;
	}

	private static long fnv(String text) {
		long hash = 0xcbf29ce484222325L;
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			hash ^= b & 0xff;
			hash *= 0x100000001b3L;
		}
		return hash;
	}

	/** SplitMix64's finaliser: spreads close inputs over the whole range. */
	private static long mix(long value) {
		long z = value + 0x9e3779b97f4a7c15L;
		z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
		z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
		return z ^ (z >>> 31);
	}

}
