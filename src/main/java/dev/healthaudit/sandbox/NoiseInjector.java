package dev.healthaudit.sandbox;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Applies a {@link NoisePlan}. Per kind, a request (method, path, query, body) is hit or
 * not by a hash of the seed, the kind and the request; a hit one fails its first 1 to
 * {@code maxBurst} arrivals. Keeps one counter per distinct request while any share is
 * set, like {@link FaultInjector}: fine for benchmark fleets, not for a million accounts.
 */
final class NoiseInjector {

	private static final int[] SERVER_ERRORS = { 500, 502, 503 };

	private final NoisePlan plan;

	private final Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();

	private final Map<Noise, LongAdder> injected = new EnumMap<>(Noise.class);

	NoiseInjector(NoisePlan plan) {
		this.plan = plan;
		for (Noise kind : Noise.values()) {
			this.injected.put(kind, new LongAdder());
		}
	}

	/**
	 * The answer noise gives this request instead of the API's, if it is hit. Counts the
	 * arrival.
	 */
	Optional<ApiReply> decide(String method, String path, String query, String body) {
		if (!this.plan.active() || !anyAppliesTo(path)) {
			return Optional.empty();
		}
		String key = RequestHash.key(method, path, query, body);
		int arrival = this.arrivals.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
		long requestHash = RequestHash.fnv(key);
		for (Noise kind : Noise.values()) {
			if (!kind.appliesTo(path)) {
				continue;
			}
			long draw = RequestHash
				.mix(requestHash ^ RequestHash.mix(this.plan.seed() ^ RequestHash.fnv(kind.label())));
			if (RequestHash.unit(draw) < this.plan.share(kind) && arrival <= burst(draw)) {
				this.injected.get(kind).increment();
				return Optional.of(reply(kind, RequestHash.mix(draw + arrival)));
			}
		}
		return Optional.empty();
	}

	/**
	 * How many answers each kind gave so far, by {@link Noise#label()}; kinds that never
	 * struck are left out.
	 */
	Map<String, Long> injected() {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.injected.forEach((kind, count) -> {
			if (count.sum() > 0) {
				counts.put(kind.label(), count.sum());
			}
		});
		return counts;
	}

	private boolean anyAppliesTo(String path) {
		for (Noise kind : Noise.values()) {
			if (this.plan.share(kind) > 0 && kind.appliesTo(path)) {
				return true;
			}
		}
		return false;
	}

	private int burst(long draw) {
		return 1 + (int) Math.floorMod(RequestHash.mix(draw ^ 0x5bd1e995L), (long) this.plan.maxBurst());
	}

	private static ApiReply reply(Noise kind, long draw) {
		return switch (kind) {
			case AUTH_RATE_LIMITED -> ApiErrors.rateLimited().reply();
			case PROVIDER_RATE_LIMITED ->
				ApiErrors
					.toolError(429, UUID.randomUUID().toString(), "rate limit exceeded at provider, retry later",
							"RATE_LIMITED")
					.withHeader("Retry-After", "1");
			case SERVER_ERROR -> serverError(SERVER_ERRORS[(int) Math.floorMod(draw, (long) SERVER_ERRORS.length)]);
		};
	}

	private static ApiReply serverError(int status) {
		return switch (status) {
			case 502 -> FaultReplies.gateway(Fault.BAD_GATEWAY);
			case 503 -> FaultReplies.gateway(Fault.UNAVAILABLE);
			default -> ApiErrors.status(ApiErrors.INTERNAL, "internal error", "INTERNAL");
		};
	}

}
