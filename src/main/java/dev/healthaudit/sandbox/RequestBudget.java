package dev.healthaudit.sandbox;

import java.util.function.LongSupplier;

/**
 * The environment rate limit: a token bucket refilled at requestsPerMinute/60 per second
 * with a burst of a tenth of a second's worth (at least one), so that a client must
 * spread its calls evenly, as real gateways enforce short windows behind an advertised
 * per-minute figure.
 */
final class RequestBudget {

	private final double permitsPerNano;

	private final double capacity;

	private final LongSupplier nanoClock;

	private double available;

	private long lastRefill;

	RequestBudget(int requestsPerMinute, LongSupplier nanoClock) {
		double perSecond = requestsPerMinute / 60.0;
		this.permitsPerNano = perSecond / 1_000_000_000.0;
		this.capacity = Math.max(1.0, Math.ceil(perSecond / 10.0));
		this.nanoClock = nanoClock;
		this.available = this.capacity;
		this.lastRefill = nanoClock.getAsLong();
	}

	synchronized boolean tryAcquire() {
		long now = this.nanoClock.getAsLong();
		this.available = Math.min(this.capacity, this.available + (now - this.lastRefill) * this.permitsPerNano);
		this.lastRefill = now;
		if (this.available < 1.0) {
			return false;
		}
		this.available -= 1.0;
		return true;
	}

}
