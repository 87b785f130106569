package dev.healthaudit.ratelimit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;

/**
 * One rate budget (the Scalekit environment, or one connection's probes): a Bucket4j token bucket spent smoothly,
 * that slows down after a 429 and recovers gradually. Thread-safe; {@link #acquire()} blocks the calling worker.
 * See the package documentation for the settings and why.
 */
public final class RateBudget {

	/** A 429 halves the rate ("multiplicative decrease"). */
	static final double DECREASE_FACTOR = 0.5;

	/** ... but never below this share of the configured rate, so a storm of 429s cannot stall the run. */
	static final double MIN_SHARE = 1.0 / 16;

	/** The 429s of requests already in flight report the same overload: one decrease per this period. */
	static final Duration DECREASE_QUIET_PERIOD = Duration.ofSeconds(1);

	/** Without a new 429 for this long, a tenth of the configured rate comes back ("additive increase"). */
	static final Duration RECOVERY_STEP = Duration.ofSeconds(2);

	static final double RECOVERY_SHARE = 0.1;

	private final String name;

	private final double configuredRate;

	private final LongSupplier nanoTime;

	private final Sleeper sleeper;

	private final Bucket bucket;

	private final BlockingStrategy parking;

	private final LongAdder waitedNanos = new LongAdder();

	private double rate;

	/** Bucket time (nanos) until which nothing is sent, from a {@code Retry-After}; 0 when not paused. */
	private volatile long pausedUntil;

	private long lastDecrease = Long.MIN_VALUE;

	/** When the rate last changed; recovery steps count from here. */
	private long lastChange;

	/**
	 * @param name how the budget is named in logs and summaries ({@code scalekit}, or a connection name)
	 * @param perSecond the configured rate, requests per second (more than 0)
	 * @param nanoTime a monotonic nanosecond time source ({@code System::nanoTime} outside tests)
	 * @param sleeper how waiting is done
	 */
	public RateBudget(String name, double perSecond, LongSupplier nanoTime, Sleeper sleeper) {
		if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
			throw new IllegalArgumentException("rate of budget " + name + " must be positive: " + perSecond);
		}
		this.name = name;
		this.configuredRate = perSecond;
		this.rate = perSecond;
		this.nanoTime = nanoTime;
		this.sleeper = sleeper;
		this.lastChange = nanoTime.getAsLong();
		this.parking = (nanos) -> this.sleep(nanos);
		this.bucket = Bucket.builder()
			.withCustomTimePrecision(new InjectedTime(nanoTime))
			.addLimit(SmoothBandwidth.of(perSecond))
			.build();
	}

	public String name() {
		return this.name;
	}

	/** Requests per second this budget allows now (lower than configured after a 429, until it recovers). */
	public synchronized double currentRate() {
		return this.rate;
	}

	public double configuredRate() {
		return this.configuredRate;
	}

	/** Time callers have spent blocked on this budget so far, all threads added up. */
	public Duration waited() {
		return Duration.ofNanos(this.waitedNanos.sum());
	}

	/**
	 * Blocks until one request may be sent. A request whose slot came up while a {@code Retry-After} pause began
	 * waits for the pause and takes a new slot, so nothing is sent before the server asked.
	 */
	public void acquire() throws InterruptedException {
		while (true) {
			long pause = recoverAndPauseLeft();
			if (pause > 0) {
				sleep(pause);
				continue;
			}
			this.bucket.asBlocking().consume(1, this.parking);
			if (this.pausedUntil - this.nanoTime.getAsLong() <= 0) {
				return;
			}
		}
	}

	/**
	 * The server said this budget was exceeded: pause it until {@code retryAfter} has passed, and halve its rate
	 * (once per {@link #DECREASE_QUIET_PERIOD}).
	 */
	public synchronized void rateLimited(Optional<Duration> retryAfter) {
		long now = this.nanoTime.getAsLong();
		if (retryAfter.isPresent() && !retryAfter.get().isNegative()) {
			long until = now + retryAfter.get().toNanos();
			if (this.pausedUntil == 0 || until - this.pausedUntil > 0) {
				this.pausedUntil = until;
			}
		}
		if (this.lastDecrease != Long.MIN_VALUE && now - this.lastDecrease < DECREASE_QUIET_PERIOD.toNanos()) {
			return;
		}
		this.lastDecrease = now;
		// recovery starts counting once the pause is over
		this.lastChange = (this.pausedUntil != 0 && this.pausedUntil - now > 0) ? this.pausedUntil : now;
		changeRate(Math.max(this.rate * DECREASE_FACTOR, this.configuredRate * MIN_SHARE));
	}

	/** Applies any recovery steps that are due and says how long a pause still lasts (nanos, 0 when none). */
	private synchronized long recoverAndPauseLeft() {
		long now = this.nanoTime.getAsLong();
		if (this.pausedUntil != 0) {
			long left = this.pausedUntil - now;
			if (left > 0) {
				return left;
			}
			this.pausedUntil = 0;
		}
		if (this.rate < this.configuredRate) {
			long steps = (now - this.lastChange) / RECOVERY_STEP.toNanos();
			if (steps > 0) {
				this.lastChange += steps * RECOVERY_STEP.toNanos();
				changeRate(Math.min(this.configuredRate, this.rate + steps * RECOVERY_SHARE * this.configuredRate));
			}
		}
		return 0;
	}

	private void changeRate(double newRate) {
		if (newRate == this.rate) {
			return;
		}
		this.rate = newRate;
		// AS_IS: tokens (and the debt of reservations already handed out) carry over; never a fresh full bucket
		this.bucket.replaceConfiguration(BucketConfiguration.builder().addLimit(SmoothBandwidth.of(newRate)).build(),
				TokensInheritanceStrategy.AS_IS);
	}

	private void sleep(long nanos) throws InterruptedException {
		if (nanos <= 0) {
			return;
		}
		this.waitedNanos.add(nanos);
		this.sleeper.sleep(Duration.ofNanos(nanos));
	}

	@Override
	public String toString() {
		return "RateBudget[" + this.name + ", " + currentRate() + "/s of " + this.configuredRate + "/s]";
	}

	/** Bucket4j reads time through this, so tests can drive it. */
	private record InjectedTime(LongSupplier nanoTime) implements TimeMeter {

		@Override
		public long currentTimeNanos() {
			return this.nanoTime.getAsLong();
		}

		@Override
		public boolean isWallClockBased() {
			return false;
		}

	}

}
