package dev.healthaudit.metrics;

import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;

/**
 * The current values of a registry's meters as a flat, sorted map, for
 * {@code summary.json}: the key is the meter name, a statistic suffix for meters with
 * several ({@code .count}, {@code .total_seconds}, {@code .max_seconds},
 * {@code .active_tasks}, {@code .duration_seconds}) and the tags in braces, sorted, e.g.
 * {@code audit.api.calls{route=POST /oauth/token,status=200}}. Times are in seconds.
 * Values that are not finite (a gauge whose object is gone) are left out: JSON has no
 * NaN.
 */
public final class MeterValues {

	private MeterValues() {
	}

	/** The meters whose name {@code names} accepts. */
	public static Map<String, Double> of(MeterRegistry registry, Predicate<String> names) {
		Map<String, Double> values = new TreeMap<>();
		for (Meter meter : registry.getMeters()) {
			if (names.test(meter.getId().getName())) {
				add(values, meter);
			}
		}
		return values;
	}

	/**
	 * The meters of this job ({@code audit.*}) and of Spring Batch
	 * ({@code spring.batch.*}).
	 */
	public static Map<String, Double> ofTheRun(MeterRegistry registry) {
		return of(registry, (name) -> name.startsWith("audit.") || name.startsWith("spring.batch."));
	}

	private static void add(Map<String, Double> values, Meter meter) {
		String name = meter.getId().getName();
		String tags = tags(meter);
		meter.use((gauge) -> put(values, name, "", tags, gauge.value()),
				(counter) -> put(values, name, "", tags, counter.count()), (timer) -> {
					put(values, name, ".count", tags, timer.count());
					put(values, name, ".total_seconds", tags, timer.totalTime(TimeUnit.SECONDS));
					put(values, name, ".max_seconds", tags, timer.max(TimeUnit.SECONDS));
				}, (summary) -> {
					put(values, name, ".count", tags, summary.count());
					put(values, name, ".total", tags, summary.totalAmount());
					put(values, name, ".max", tags, summary.max());
				}, (longTask) -> {
					put(values, name, ".active_tasks", tags, longTask.activeTasks());
					put(values, name, ".duration_seconds", tags, longTask.duration(TimeUnit.SECONDS));
				}, (timeGauge) -> put(values, name, "_seconds", tags, timeGauge.value(TimeUnit.SECONDS)),
				(functionCounter) -> put(values, name, "", tags, functionCounter.count()), (functionTimer) -> {
					put(values, name, ".count", tags, functionTimer.count());
					put(values, name, ".total_seconds", tags, functionTimer.totalTime(TimeUnit.SECONDS));
				},
				(other) -> other.measure()
					.forEach((measurement) -> put(values, name,
							"." + measurement.getStatistic().getTagValueRepresentation(), tags,
							measurement.getValue())));
	}

	private static String tags(Meter meter) {
		StringJoiner joined = new StringJoiner(",", "{", "}");
		joined.setEmptyValue("");
		for (Tag tag : meter.getId().getTagsAsIterable()) {
			// Micrometer keeps tags sorted by key
			joined.add(tag.getKey() + "=" + tag.getValue());
		}
		return joined.toString();
	}

	private static void put(Map<String, Double> values, String name, String statistic, String tags, double value) {
		if (Double.isFinite(value)) {
			values.put(name + statistic + tags, value);
		}
	}

}
