package dev.healthaudit.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;

/**
 * Changes of the environment's rate limit over a run, as a gateway whose quota is lowered
 * for a while (a noisy neighbour, an incident) and then restored. Written
 * {@code <start>:<factor>:<length>}, several separated by commas: {@code 30s:0.5:30s}
 * means that from 30 s after the first request the sandbox receives, for 30 s, the limit
 * is half of {@code requests-per-minute}; then it is the full limit again. Steps come in
 * order and do not overlap.
 *
 * @param steps the changes, in order
 */
public record LimitSchedule(List<Step> steps) {

	public LimitSchedule {
		steps = List.copyOf(steps);
		for (int i = 1; i < steps.size(); i++) {
			if (steps.get(i).start().compareTo(steps.get(i - 1).end()) < 0) {
				throw new IllegalArgumentException("limit schedule steps must be in order and must not overlap: "
						+ steps.get(i - 1) + " then " + steps.get(i));
			}
		}
	}

	/** The limit never changes. */
	public static LimitSchedule none() {
		return new LimitSchedule(List.of());
	}

	/**
	 * Reads {@code <start>:<factor>:<length>[,...]} (durations as {@code 30s},
	 * {@code 1m}, {@code 500ms}); blank for none.
	 */
	public static LimitSchedule parse(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return none();
		}
		List<Step> steps = new ArrayList<>();
		for (String part : text.split(",")) {
			String[] fields = part.strip().split(":");
			if (fields.length != 3) {
				throw new IllegalArgumentException(
						"limit schedule step must be <start>:<factor>:<length>, e.g. 30s:0.5:30s, got: "
								+ part.strip());
			}
			try {
				steps.add(new Step(DurationStyle.detectAndParse(fields[0].strip()),
						Double.parseDouble(fields[1].strip()), DurationStyle.detectAndParse(fields[2].strip())));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(
						"invalid limit schedule step '" + part.strip() + "': " + ex.getMessage(), ex);
			}
		}
		return new LimitSchedule(steps);
	}

	public boolean isEmpty() {
		return this.steps.isEmpty();
	}

	/**
	 * The factor on the limit at this time after the first request: a step's, or 1
	 * outside every step.
	 */
	public double factorAt(Duration sinceFirstRequest) {
		for (Step step : this.steps) {
			if (step.covers(sinceFirstRequest)) {
				return step.factor();
			}
		}
		return 1;
	}

	/**
	 * What a limit that allows {@code perSecond.applyAsDouble(factor)} requests a second
	 * lets through over the first {@code span} of a run, steps included.
	 */
	double integrate(Duration span, DoubleUnaryOperator perSecond) {
		double seconds = seconds(span);
		double total = perSecond.applyAsDouble(1) * seconds;
		for (Step step : this.steps) {
			double from = Math.min(seconds(step.start()), seconds);
			double to = Math.min(seconds(step.end()), seconds);
			total += (perSecond.applyAsDouble(step.factor()) - perSecond.applyAsDouble(1)) * (to - from);
		}
		return total;
	}

	@Override
	public String toString() {
		return this.steps.stream().map(Step::toString).collect(Collectors.joining(","));
	}

	private static double seconds(Duration duration) {
		return duration.toNanos() / 1e9;
	}

	/**
	 * @param start when the step begins, after the first request
	 * @param factor the limit during the step, as a multiple of
	 * {@code requests-per-minute} (0.5: half)
	 * @param length how long the step lasts
	 */
	public record Step(Duration start, double factor, Duration length) {

		public Step {
			if (start.isNegative()) {
				throw new IllegalArgumentException("a step must not start before the first request: " + start);
			}
			if (!(factor > 0) || Double.isInfinite(factor)) {
				throw new IllegalArgumentException("a step's factor must be above 0: " + factor);
			}
			if (length.isNegative() || length.isZero()) {
				throw new IllegalArgumentException("a step must last: " + length);
			}
		}

		public Duration end() {
			return this.start.plus(this.length);
		}

		boolean covers(Duration sinceFirstRequest) {
			return sinceFirstRequest.compareTo(this.start) >= 0 && sinceFirstRequest.compareTo(end()) < 0;
		}

		@Override
		public String toString() {
			return print(this.start) + ":" + this.factor + ":" + print(this.length);
		}

		private static String print(Duration duration) {
			return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
		}

	}

}
