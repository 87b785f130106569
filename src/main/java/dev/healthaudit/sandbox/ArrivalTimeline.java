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
 * Requests counted per tenth of a second of arrival, for benchmarks that want to see where a run left the budget
 * unused (chunk boundaries, final rounds) rather than only its average. A map of bins, so a day-long run costs one
 * entry per busy tenth of a second.
 */
final class ArrivalTimeline {

	static final long BIN_MILLIS = 100;

	private final Map<Long, LongAdder> bins = new ConcurrentHashMap<>();

	void arrived(long epochMillis) {
		this.bins.computeIfAbsent(epochMillis / BIN_MILLIS, (bin) -> new LongAdder()).increment();
	}

	/** Bin start (epoch milliseconds) to requests, empty bins between the first and the last included. */
	Map<Long, Long> bins() {
		TreeMap<Long, Long> counts = new TreeMap<>();
		this.bins.forEach((bin, count) -> counts.put(bin, count.sum()));
		Map<Long, Long> filled = new TreeMap<>();
		if (counts.isEmpty()) {
			return filled;
		}
		for (long bin = counts.firstKey(); bin <= counts.lastKey(); bin++) {
			filled.put(bin * BIN_MILLIS, counts.getOrDefault(bin, 0L));
		}
		return filled;
	}

	/** Writes {@code epoch_ms,requests} lines, one per tenth of a second from the first request to the last. */
	void write(Path file) throws IOException {
		try (Writer out = Files.newBufferedWriter(file)) {
			out.write("epoch_ms,requests\n");
			for (Map.Entry<Long, Long> bin : bins().entrySet()) {
				out.write(bin.getKey() + "," + bin.getValue() + "\n");
			}
		}
	}

}
