package dev.healthaudit.ratelimit;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * One rate budget (the Scalekit environment, or one connection's probes): a Bucket4j
 * token bucket spent smoothly, at a rate that {@link AdaptiveRate} lowers when the
 * server's refusals are sustained and raises again when they stop. The bucket is this
 * process's own or shared with the other shards of the run ({@link TokenBuckets}); a
 * shared one is slowed for all of them, and this budget follows what the others did to
 * it. Thread-safe; {@link #acquire()} blocks the calling worker. See the package
 * documentation for the settings and why.
 */
public final class RateBudget {

	/**
	 * Pauses for a {@code Retry-After} last at most this long unless the caller says
	 * otherwise.
	 */
	static final Duration DEFAULT_MAX_PAUSE = Duration.ofSeconds(30);

	private static final Logger logger = LoggerFactory.getLogger(RateBudget.class);

	private final String name;

	private final LongSupplier nanoTime;

	private final Sleeper sleeper;

	private final BucketRate bucketRate;

	private final Bucket bucket;

	private final RetryAfterPause pause;

	/**
	 * The queue for tokens: fair, so the longest-waiting thread takes the next one (see
	 * {@link #take()}).
	 */
	private final ReentrantLock taking = new ReentrantLock(true);

	private final LongAdder waitedNanos = new LongAdder();

	private final RefusalWindow window;

	private final AdaptiveRate adaptive;

	/**
	 * Told the time of every token taken, in the order taken (tests observe sends exactly
	 * through it).
	 */
	private volatile LongConsumer onTaken = (nanos) -> {
	};

	/**
	 * @param name how the budget is named in logs and summaries ({@code scalekit}, or a
	 * connection name)
	 * @param perSecond the configured rate, requests per second (more than 0)
	 * @param nanoTime a monotonic nanosecond time source ({@code System::nanoTime}
	 * outside tests)
	 * @param sleeper how waiting is done
	 */
	public RateBudget(String name, double perSecond, LongSupplier nanoTime, Sleeper sleeper) {
		this(name, perSecond, nanoTime, sleeper, TokenBuckets.local(nanoTime), name, DEFAULT_MAX_PAUSE);
	}

	/**
	 * @param buckets where the bucket lives
	 * @param bucketKey the bucket's name among {@code buckets}
	 * @param maxPause the longest a {@code Retry-After} pauses this budget (the policy's
	 * maximum backoff): a server asking for longer makes its account final, and must not
	 * stall every other account
	 */
	RateBudget(String name, double perSecond, LongSupplier nanoTime, Sleeper sleeper, TokenBuckets buckets,
			String bucketKey, Duration maxPause) {
		this(name, perSecond, nanoTime, sleeper, buckets, bucketKey, maxPause, AdaptiveRate.ENVIRONMENT);
	}

	/**
	 * @param threshold from which share of refusals this budget slows down
	 */
	RateBudget(String name, double perSecond, LongSupplier nanoTime, Sleeper sleeper, TokenBuckets buckets,
			String bucketKey, Duration maxPause, AdaptiveRate.Threshold threshold) {
		if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
			throw new IllegalArgumentException("rate of budget " + name + " must be positive: " + perSecond);
		}
		this.name = name;
		this.nanoTime = nanoTime;
		this.sleeper = sleeper;
		this.pause = new RetryAfterPause(maxPause);
		this.window = new RefusalWindow(nanoTime);
		this.adaptive = new AdaptiveRate(perSecond, threshold, nanoTime.getAsLong());
		this.bucketRate = new BucketRate(buckets, bucketKey, perSecond);
		this.bucket = this.bucketRate.bucket();
	}

	/**
	 * Observes every token taken, with its time, while the taking thread still holds the
	 * queue.
	 */
	void onTaken(LongConsumer listener) {
		this.onTaken = listener;
	}

	public String name() {
		return this.name;
	}

	/**
	 * Requests per second this budget allows now (lower than configured after a 429,
	 * until it recovers).
	 */
	public synchronized double currentRate() {
		return this.adaptive.rate();
	}

	public double configuredRate() {
		return this.adaptive.configured();
	}

	/** Time callers have spent blocked on this budget so far, all threads added up. */
	public Duration waited() {
		return Duration.ofNanos(this.waitedNanos.sum());
	}

	/**
	 * Blocks until one request may be sent. A request whose token was taken while a
	 * {@code Retry-After} pause began waits for the pause and takes a new token, so
	 * nothing is sent before the server asked.
	 */
	public void acquire() throws InterruptedException {
		acquire(() -> {
		});
	}

	/**
	 * As {@link #acquire()}, then waits for {@code then} (the environment budget, for a
	 * tool call) while still at the head of this budget's queue, so that this budget's
	 * requests leave no closer together than its own tokens allow, however long
	 * {@code then} made them wait: a connection's tokens taken one by one and then held
	 * up together in the environment's queue would otherwise leave in a bunch, above the
	 * connection's rate for an instant.
	 */
	public void acquire(Wait then) throws InterruptedException {
		while (true) {
			long pause = recoverAndPauseLeft();
			if (pause > 0) {
				sleep(pause);
				continue;
			}
			if (take(then)) {
				this.window.sent();
				return;
			}
		}
	}

	/**
	 * Takes a token that the bucket holds now, never a reservation of a later one.
	 * Threads queue (fairly) for the bucket; the one at the head asks it for a token and,
	 * when none is there, sleeps until the next refill and asks again. A reserved slot
	 * would be spent whenever its thread wakes: threads held up together (a GC pause, a
	 * busy machine, a process starting) would then send all their slots at once, far
	 * above the rate for an instant, which short-window limiters refuse. Taken tokens
	 * bound every burst by the bucket's capacity instead. One asking thread at a time
	 * also means a shared bucket's transaction is never queued behind another of this
	 * process, and a budget holds at most one pooled connection, only while it asks.
	 * @return false when a pause began meanwhile: the token is spent, and the caller
	 * waits for the pause
	 */
	private boolean take(Wait then) throws InterruptedException {
		long queued = this.nanoTime.getAsLong();
		this.taking.lockInterruptibly();
		try {
			this.waitedNanos.add(Math.max(0, this.nanoTime.getAsLong() - queued));
			while (true) {
				ConsumptionProbe probe = this.bucket.tryConsumeAndReturnRemaining(1);
				if (probe.isConsumed()) {
					break;
				}
				sleep(Math.max(probe.getNanosToWaitForRefill(), 1));
			}
			if (this.pause.active(this.nanoTime.getAsLong())) {
				return false;
			}
			then.await();
			this.onTaken.accept(this.nanoTime.getAsLong());
			return true;
		}
		finally {
			this.taking.unlock();
		}
	}

	/** Another wait a request makes once it holds this budget's token. */
	@FunctionalInterface
	public interface Wait {

		void await() throws InterruptedException;

	}

	/**
	 * The server answered a request of this budget without refusing it (whatever else the
	 * answer said).
	 */
	public void accepted() {
		this.window.accepted();
	}

	/**
	 * The server refused a request of this budget with a 429. Weighed against the
	 * budget's recent requests ({@link AdaptiveRate}): a sporadic refusal changes nothing
	 * (its account waits its own {@code Retry-After}); sustained refusals lower the rate
	 * to just below what the server accepted, for all shards when the bucket is shared,
	 * unless another shard has lowered it since this budget last looked (that was the
	 * same overload); when the server refuses most requests, the budget also pauses for
	 * the {@code Retry-After}, at most the maximum pause.
	 */
	public void rateLimited(Optional<Duration> retryAfter) {
		rateLimited(retryAfter, 0);
	}

	/**
	 * As {@link #rateLimited(Optional)}, for the request identified by {@code request} (a
	 * hash of what it asked, 0 when unknown): the same request refused again within the
	 * window is not counted again.
	 */
	public synchronized void rateLimited(Optional<Duration> retryAfter, int request) {
		long now = this.nanoTime.getAsLong();
		if (this.adaptive.holding(now) || !this.window.refused(request)) {
			return;
		}
		RefusalWindow.Evidence evidence = this.window.evidence();
		double before = this.adaptive.rate();
		if (followOthers(now) && this.adaptive.rate() < before) {
			this.window.reset();
			return;
		}
		OptionalDouble lowered = this.adaptive.refused(evidence, this.bucketRate.measurable(), now);
		if (lowered.isEmpty()) {
			return;
		}
		applyRate(lowered.getAsDouble(), now);
		this.window.reset();
		if (evidence.refusedShare() >= AdaptiveRate.OVERWHELMED_SHARE) {
			this.pause.pause(retryAfter.orElse(Duration.ofSeconds(1)), now)
				.ifPresent((until) -> this.adaptive.holdUntil(until + AdaptiveRate.HOLD_NANOS));
		}
		logger.info("budget {}: {} of the last {} answers were refusals; rate lowered to {}/s of {}/s", this.name,
				evidence.refused(), evidence.refused() + evidence.accepted(),
				String.format("%.2f", lowered.getAsDouble()), String.format("%.2f", this.adaptive.configured()));
	}

	/**
	 * Applies growth that is due and says how long a pause still lasts (nanos, 0 when
	 * none).
	 */
	private synchronized long recoverAndPauseLeft() {
		long now = this.nanoTime.getAsLong();
		long left = this.pause.leftAt(now);
		if (left > 0) {
			return left;
		}
		// growth is only taken from the rate all shards use now: another shard may have
		// changed it
		if (this.bucketRate.lookDue(now) && followOthers(now)) {
			return 0;
		}
		this.adaptive.grow(now, this.window::evidence, this.bucketRate.measurable())
			.ifPresent((grown) -> applyRate(grown, now));
		return 0;
	}

	/**
	 * Reads a shared bucket's configuration and adopts the rate another shard gave it
	 * since this budget last set or saw it. Always false for a bucket of this process
	 * alone.
	 * @return whether another shard had changed the rate
	 */
	private boolean followOthers(long now) {
		Optional<Double> changed = this.bucketRate.changedByOthers(now);
		changed.ifPresent((rate) -> this.adaptive.adopt(rate, now));
		return changed.isPresent();
	}

	private void applyRate(double newRate, long now) {
		this.bucketRate.apply(newRate, now);
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
		return "RateBudget[" + this.name + ", " + currentRate() + "/s of " + configuredRate() + "/s]";
	}

}
