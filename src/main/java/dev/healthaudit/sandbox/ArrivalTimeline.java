package dev.healthaudit.sandbox;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests counted per tenth of a second of arrival, and how many of them the
 * environment's rate limit refused, for benchmarks that want to see where a run left the
 * budget unused (chunk boundaries, final rounds, after a limit was lowered) rather than
 * only its average. A map of bins, so a day-long run costs one entry per busy tenth of a
 * second.
 */
final class ArrivalTimeline {

	static final long BIN_MILLIS = 100;

	private final Map<Long, Bin> bins = new ConcurrentHashMap<>();

	void arrived(long epochMillis) {
		bin(epochMillis).arrived.increment();
	}

	/**
	 * A request that arrived at {@code epochMillis} was refused by the rate limit (it was
	 * counted as arrived too).
	 */
	void refused(long epochMillis) {
		bin(epochMillis).refused.increment();
	}

	/**
	 * Bin start (epoch milliseconds) to requests, empty bins between the first and the
	 * last included.
	 */
	Map<Long, Long> bins() {
		return filled(false);
	}

	/**
	 * Bin start (epoch milliseconds) to refused requests, over the same bins as
	 * {@link #bins()}.
	 */
	Map<Long, Long> refusedBins() {
		return filled(true);
	}

	/**
	 * Writes {@code epoch_ms,requests,refused} lines, one per tenth of a second from the
	 * first request to the last.
	 */
	void write(Path file) throws IOException {
		Map<Long, Long> refused = refusedBins();
		try (Writer out = Files.newBufferedWriter(file)) {
			out.write("epoch_ms,requests,refused\n");
			for (Map.Entry<Long, Long> bin : bins().entrySet()) {
				out.write(bin.getKey() + "," + bin.getValue() + "," + refused.get(bin.getKey()) + "\n");
			}
		}
	}

	private Bin bin(long epochMillis) {
		return this.bins.computeIfAbsent(epochMillis / BIN_MILLIS, (bin) -> new Bin());
	}

	private Map<Long, Long> filled(boolean refused) {
		TreeMap<Long, Long> counts = new TreeMap<>();
		this.bins.forEach((bin, count) -> counts.put(bin, (refused ? count.refused : count.arrived).sum()));
		Map<Long, Long> filled = new TreeMap<>();
		if (counts.isEmpty()) {
			return filled;
		}
		for (long bin = counts.firstKey(); bin <= counts.lastKey(); bin++) {
			filled.put(bin * BIN_MILLIS, counts.getOrDefault(bin, 0L));
		}
		return filled;
	}

	private static final class Bin {

		private final LongAdder arrived = new LongAdder();

		private final LongAdder refused = new LongAdder();

	}

}
