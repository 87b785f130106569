package dev.healthaudit.account;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reading a large CSV input in a small heap: generates {@code <megabytes>} of input
 * (once; a malformed row every 100,000 rows, and in the {@code unterminated} shape an
 * unterminated quote on line 2 that swallows the rest of the file), then counts it as the
 * job's census does and prints records, rejects, seconds and peak heap. Run by
 * {@code bench/input/run.sh}; not part of the test suite.
 */
public final class InputBenchmark {

	private InputBenchmark() {
	}

	public static void main(String[] args) throws IOException {
		long megabytes = Long.parseLong(args[0]);
		String shape = args[1];
		Path file = Path.of(args[2]);
		if (!Files.exists(file)) {
			generate(file, megabytes << 20, shape.equals("unterminated"));
		}
		long start = System.nanoTime();
		InputCensus census = InputCensus.take(new CsvAccountSource(file, (name) -> true));
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf(
				"shape=%s file_mb=%d records=%d rejected=%d seconds=%.1f mb_per_s=%.0f peak_heap_mb=%d "
						+ "max_heap_mb=%d first_reject=%s%n",
				shape, Files.size(file) >> 20, census.records(), census.rejected(), seconds,
				(Files.size(file) >> 20) / seconds, peakHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20,
				census.examples().isEmpty() ? "-"
						: census.examples().get(0).line() + " " + census.examples().get(0).reason());
	}

	private static void generate(Path file, long bytes, boolean unterminated) throws IOException {
		try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
			out.write("identifier,connection_name,email,user_id\r\n".getBytes(StandardCharsets.UTF_8));
			if (unterminated) {
				out.write("\"usr_open,gmail,a@example.com,u0\r\n".getBytes(StandardCharsets.UTF_8));
			}
			long written = 0;
			for (long row = 1; written < bytes; row++) {
				byte[] line = (row % 100_000 == 0)
						? ("bad\u0007row" + row + ",gmail,,\r\n").getBytes(StandardCharsets.UTF_8)
						: ("usr_" + row + "@example.com,gmail,usr_" + row + "@example.com,u" + row + "\r\n")
							.getBytes(StandardCharsets.UTF_8);
				out.write(line);
				written += line.length;
			}
		}
	}

	private static long peakHeap() {
		return ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.mapToLong((pool) -> pool.getPeakUsage().getUsed())
			.sum();
	}

}
