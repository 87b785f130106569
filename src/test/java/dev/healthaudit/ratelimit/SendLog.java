package dev.healthaudit.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Send timestamps (nanos) and the largest number of them in any one-second window. */
final class SendLog {

	/**
	 * Starts {@code threadCount} threads that each acquire {@code each} times, thread t
	 * from budget t modulo their number, and logs every token the budgets hand out, at
	 * the time it is taken.
	 */
	static SendLog fromThreads(List<RateBudget> budgets, int threadCount, int each) throws Exception {
		SendLog sends = new SendLog();
		budgets.forEach((budget) -> budget.onTaken(sends::add));
		ExecutorService threads = Executors.newFixedThreadPool(threadCount);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < threadCount; t++) {
				RateBudget budget = budgets.get(t % budgets.size());
				done.add(threads.submit(() -> {
					for (int i = 0; i < each; i++) {
						budget.acquire();
					}
					return null;
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			threads.shutdownNow();
		}
		return sends;
	}

	private long[] times = new long[256];

	private int size;

	synchronized void add(long nanos) {
		if (this.size == this.times.length) {
			this.times = Arrays.copyOf(this.times, this.size * 2);
		}
		this.times[this.size++] = nanos;
	}

	synchronized int size() {
		return this.size;
	}

	/**
	 * The most sends in any window [t, t + 1 s); windows starting at a send are the worst
	 * ones.
	 */
	synchronized int maxInAnySecond() {
		return maxIn(Duration.ofSeconds(1));
	}

	/** The most sends in any window [t, t + window). */
	synchronized int maxIn(Duration window) {
		long[] sorted = Arrays.copyOf(this.times, this.size);
		Arrays.sort(sorted);
		int max = 0;
		int end = 0;
		for (int start = 0; start < sorted.length; start++) {
			while (end < sorted.length && sorted[end] - sorted[start] < window.toNanos()) {
				end++;
			}
			max = Math.max(max, end - start);
		}
		return max;
	}

	/** Sends per second between the first and the last send. */
	synchronized double averageRate() {
		long[] sorted = Arrays.copyOf(this.times, this.size);
		Arrays.sort(sorted);
		return (this.size - 1) / ((sorted[this.size - 1] - sorted[0]) / 1e9);
	}

	synchronized long first() {
		return Arrays.stream(this.times, 0, this.size).min().orElseThrow();
	}

}
