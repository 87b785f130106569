package dev.healthaudit.job;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What a progress line shows besides the job's own counts.
 *
 * @param totalRecords how many input records the run has, when the source can tell
 * cheaply (a CSV file is counted up front); empty for sources that cannot
 * @param retries retries of transient failures so far
 * @param waits time spent waiting on each rate budget so far, by budget name
 */
public record ProgressInputs(OptionalLong totalRecords, LongSupplier retries, Supplier<Map<String, Duration>> waits) {

	public static ProgressInputs none() {
		return new ProgressInputs(OptionalLong.empty(), () -> 0, Map::of);
	}

}
