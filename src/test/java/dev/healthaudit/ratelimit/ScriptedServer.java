package dev.healthaudit.ratelimit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.LongToDoubleFunction;

import dev.healthaudit.scalekit.CallListener.Ending;
import dev.healthaudit.scalekit.Route;

/**
 * A server scripted in fake time, for budgets driven as a job drives them: a limit per
 * one-second window that may change over time (refusing the excess with 429
 * {@code RATE_LIMITED}), sporadic refusals at a fixed share whatever the rate, and a
 * latency before each answer reaches the client. One client thread sends as fast as the
 * budgets allow and hears answers as they arrive; everything is seeded, nothing sleeps.
 */
final class ScriptedServer {

	private final FakeTime time;

	private final LongToDoubleFunction limitPerSecond;

	private final double sporadicShare;

	private final Optional<Duration> retryAfter;

	private final Duration latency;

	private final Random random;

	private final Deque<Long> acceptedTimes = new ArrayDeque<>();

	private final PriorityQueue<Answer> inFlight = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));

	private final SendLog sends = new SendLog();

	private long sent;

	private long refused;

	/** Accepted requests per whole second of fake time since the start. */
	private final long[] acceptedPerSecond;

	private final long start;

	/**
	 * @param limitPerSecond the server's limit at a nanosecond time (relative to the
	 * start), requests per second; infinite for none
	 * @param sporadicShare share of requests refused at random whatever the rate (one
	 * user's quota, a hiccup)
	 * @param retryAfter what refusals carry
	 */
	ScriptedServer(FakeTime time, LongToDoubleFunction limitPerSecond, double sporadicShare,
			Optional<Duration> retryAfter, Duration latency, long seed, int seconds) {
		this.time = time;
		this.limitPerSecond = limitPerSecond;
		this.sporadicShare = sporadicShare;
		this.retryAfter = retryAfter;
		this.latency = latency;
		this.random = new Random(seed);
		this.acceptedPerSecond = new long[seconds + 1];
		this.start = time.now();
	}

	/**
	 * Sends requests through {@code budgets} for {@code seconds} of fake time: each waits
	 * for its budgets, the server decides at once, and the client hears the answer a
	 * latency later.
	 */
	void drive(RateBudgets budgets, Route route, String connection, int seconds) {
		drive(List.of(budgets), route, connection, seconds);
	}

	/**
	 * As {@link #drive(RateBudgets, Route, String, int)}, the requests sent in turn by
	 * several shard processes.
	 */
	void drive(List<RateBudgets> shards, Route route, String connection, int seconds) {
		long end = this.start + Duration.ofSeconds(seconds).toNanos();
		for (int turn = 0; this.time.now() < end; turn++) {
			RateBudgets budgets = shards.get(turn % shards.size());
			deliver();
			budgets.beforeCall(route, connection);
			deliver();
			long now = this.time.now();
			boolean refuse = overLimit(now) || this.random.nextDouble() < this.sporadicShare;
			this.sent++;
			this.sends.add(now);
			if (refuse) {
				this.refused++;
			}
			else {
				this.acceptedTimes.addLast(now);
				int second = (int) ((now - this.start) / 1_000_000_000L);
				if (second < this.acceptedPerSecond.length) {
					this.acceptedPerSecond[second]++;
				}
			}
			boolean provider = route == Route.EXECUTE_TOOL;
			this.inFlight.add(new Answer(now + this.latency.toNanos(),
					refuse ? new Ending(429, this.retryAfter, provider) : new Ending(200, Optional.empty(), false),
					route, connection, budgets));
		}
	}

	private boolean overLimit(long now) {
		while (!this.acceptedTimes.isEmpty() && now - this.acceptedTimes.peekFirst() >= 1_000_000_000L) {
			this.acceptedTimes.removeFirst();
		}
		return this.acceptedTimes.size() >= Math.floor(this.limitPerSecond.applyAsDouble(now - this.start));
	}

	private void deliver() {
		while (!this.inFlight.isEmpty() && this.inFlight.peek().at <= this.time.now()) {
			Answer answer = this.inFlight.poll();
			answer.sender.afterCall(answer.route, answer.connection, answer.ending);
		}
	}

	/** When each request left, for checks of every one-second window. */
	SendLog sends() {
		return this.sends;
	}

	long sent() {
		return this.sent;
	}

	long refused() {
		return this.refused;
	}

	double refusedShare() {
		return this.refused / (double) Math.max(1, this.sent);
	}

	/**
	 * Accepted requests per second over whole seconds {@code from} (inclusive) to
	 * {@code to} (exclusive).
	 */
	double acceptedRate(int from, int to) {
		long accepted = 0;
		for (int second = from; second < to; second++) {
			accepted += this.acceptedPerSecond[second];
		}
		return accepted / (double) (to - from);
	}

	/** Accepted requests in whole second {@code second}. */
	long acceptedIn(int second) {
		return this.acceptedPerSecond[second];
	}

	private record Answer(long at, Ending ending, Route route, String connection, RateBudgets sender) {
	}

}
