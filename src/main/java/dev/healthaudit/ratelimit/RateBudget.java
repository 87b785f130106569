package dev.healthaudit.ratelimit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;

/**
 * One rate budget (the Scalekit environment, or one connection's probes): a Bucket4j token bucket spent smoothly,
 * that slows down after a 429 and recovers gradually. The bucket is this process's own or shared with the other shards
 * of the run ({@link TokenBuckets}); a shared one is slowed for all of them, and this budget follows what the others
 * did to it. Thread-safe; {@link #acquire()} blocks the calling worker. See the package documentation for the settings
 * and why.
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

	private final TokenBuckets buckets;

	private final String bucketKey;

	private final Bucket bucket;

	/** The queue for tokens: fair, so the longest-waiting thread takes the next one (see {@link #take()}). */
	private final ReentrantLock taking = new ReentrantLock(true);

	private final LongAdder waitedNanos = new LongAdder();

	/** Told the time of every token taken, in the order taken (tests observe sends exactly through it). */
	private volatile LongConsumer onTaken = (nanos) -> {
	};

	private double rate;

	/** Bucket time (nanos) until which nothing is sent, from a {@code Retry-After}; 0 when not paused. */
	private volatile long pausedUntil;

	private long lastDecrease = Long.MIN_VALUE;

	/** When the rate last changed; recovery steps count from here. */
	private long lastChange;

	/** The bucket configuration this budget last set or saw, to tell when another shard changed a shared one. */
	private BucketConfiguration known;

	/** When a shared bucket's configuration was last read; {@code Long.MIN_VALUE} before the first time. */
	private long lastLook = Long.MIN_VALUE;

	/**
	 * @param name how the budget is named in logs and summaries ({@code scalekit}, or a connection name)
	 * @param perSecond the configured rate, requests per second (more than 0)
	 * @param nanoTime a monotonic nanosecond time source ({@code System::nanoTime} outside tests)
	 * @param sleeper how waiting is done
	 */
	public RateBudget(String name, double perSecond, LongSupplier nanoTime, Sleeper sleeper) {
		this(name, perSecond, nanoTime, sleeper, TokenBuckets.local(nanoTime), name);
	}

	/**
	 * @param buckets where the bucket lives
	 * @param bucketKey the bucket's name among {@code buckets}
	 */
	RateBudget(String name, double perSecond, LongSupplier nanoTime, Sleeper sleeper, TokenBuckets buckets,
			String bucketKey) {
		if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
			throw new IllegalArgumentException("rate of budget " + name + " must be positive: " + perSecond);
		}
		this.name = name;
		this.configuredRate = perSecond;
		this.rate = perSecond;
		this.nanoTime = nanoTime;
		this.sleeper = sleeper;
		this.lastChange = nanoTime.getAsLong();
		this.buckets = buckets;
		this.bucketKey = bucketKey;
		this.known = SmoothBandwidth.configuration(perSecond);
		this.bucket = buckets.bucket(bucketKey, this.known);
	}

	/** Observes every token taken, with its time, while the taking thread still holds the queue. */
	void onTaken(LongConsumer listener) {
		this.onTaken = listener;
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
	 * Blocks until one request may be sent. A request whose token was taken while a {@code Retry-After} pause began
	 * waits for the pause and takes a new token, so nothing is sent before the server asked.
	 */
	public void acquire() throws InterruptedException {
		while (true) {
			long pause = recoverAndPauseLeft();
			if (pause > 0) {
				sleep(pause);
				continue;
			}
			take();
			if (this.pausedUntil - this.nanoTime.getAsLong() <= 0) {
				return;
			}
		}
	}

	/**
	 * Takes a token that the bucket holds now, never a reservation of a later one. Threads queue (fairly) for the
	 * bucket; the one at the head asks it for a token and, when none is there, sleeps until the next refill and asks
	 * again. A reserved slot would be spent whenever its thread wakes: threads held up together (a GC pause, a busy
	 * machine, a process starting) would then send all their slots at once, far above the rate for an instant, which
	 * short-window limiters refuse. Taken tokens bound every burst by the bucket's capacity instead. One asking thread
	 * at a time also means a shared bucket's transaction is never queued behind another of this process, and a budget
	 * holds at most one pooled connection, only while it asks.
	 */
	private void take() throws InterruptedException {
		long queued = this.nanoTime.getAsLong();
		this.taking.lockInterruptibly();
		try {
			this.waitedNanos.add(Math.max(0, this.nanoTime.getAsLong() - queued));
			while (true) {
				ConsumptionProbe probe = this.bucket.tryConsumeAndReturnRemaining(1);
				if (probe.isConsumed()) {
					this.onTaken.accept(this.nanoTime.getAsLong());
					return;
				}
				sleep(Math.max(probe.getNanosToWaitForRefill(), 1));
			}
		}
		finally {
			this.taking.unlock();
		}
	}

	/**
	 * The server said this budget was exceeded: pause it until {@code retryAfter} has passed, and halve its rate
	 * (once per {@link #DECREASE_QUIET_PERIOD}). The pause is this process's; a shared bucket's rate is halved for all
	 * shards, unless another shard has lowered it since this budget last looked: that was the same overload.
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
		double before = this.rate;
		boolean loweredByOthers = followOthers(now) && this.rate < before;
		this.lastDecrease = now;
		// recovery starts counting once the pause is over
		this.lastChange = (this.pausedUntil != 0 && this.pausedUntil - now > 0) ? this.pausedUntil : now;
		if (!loweredByOthers) {
			changeRate(Math.max(this.rate * DECREASE_FACTOR, this.configuredRate * MIN_SHARE), now);
		}
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
		boolean recoveryDue = this.rate < this.configuredRate && now - this.lastChange >= RECOVERY_STEP.toNanos();
		boolean lookDue = this.lastLook == Long.MIN_VALUE || now - this.lastLook >= RECOVERY_STEP.toNanos();
		// a step is only taken from the rate all shards use now: another shard may have changed it since
		if ((recoveryDue || lookDue) && followOthers(now)) {
			return 0;
		}
		if (recoveryDue) {
			long steps = (now - this.lastChange) / RECOVERY_STEP.toNanos();
			this.lastChange += steps * RECOVERY_STEP.toNanos();
			changeRate(Math.min(this.configuredRate, this.rate + steps * RECOVERY_SHARE * this.configuredRate), now);
		}
		return 0;
	}

	/**
	 * Reads a shared bucket's configuration and adopts the rate another shard gave it since this budget last set or saw
	 * it; recovery steps then count from now. Always false for a bucket of this process alone.
	 * @return whether another shard had changed the rate
	 */
	private boolean followOthers(long now) {
		this.lastLook = now;
		Optional<BucketConfiguration> current = this.buckets.configurationNow(this.bucketKey);
		if (current.isEmpty() || current.get().equals(this.known)) {
			return false;
		}
		this.known = current.get();
		this.rate = Math.min(this.configuredRate, SmoothBandwidth.rateOf(this.known));
		this.lastChange = now;
		return true;
	}

	private void changeRate(double newRate, long now) {
		if (newRate == this.rate) {
			return;
		}
		this.rate = newRate;
		this.known = SmoothBandwidth.configuration(newRate);
		this.lastLook = now;
		// AS_IS: tokens (and the debt of reservations already handed out) carry over; never a fresh full bucket
		this.bucket.replaceConfiguration(this.known, TokensInheritanceStrategy.AS_IS);
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

}
