package dev.healthaudit.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One night of the sandbox's simulated calendar. A fleet run for several nights against
 * one results database keeps time: night 1 starts at {@link #FIRST} (02:00 UTC, when a
 * nightly CronJob runs), night {@code n} one day per night later, and the audit and the
 * sandbox both read their clock from it ({@link #clock()}), so that the timestamps of
 * consecutive nights are a day apart however quickly they are run one after the other.
 * What happens to the fleet between nights is {@link FleetNights}.
 *
 * @param number 1 for the first night
 */
public record SandboxNight(int number) {

	/** The start of night 1. */
	public static final Instant FIRST = Instant.parse("2026-01-05T02:00:00Z");

	public SandboxNight {
		if (number < 1 || number > 3650) {
			throw new IllegalArgumentException("a sandbox night is a number from 1 to 3650, got " + number);
		}
	}

	/** When the night starts: the audit of that night cannot check an account earlier. */
	public Instant start() {
		return FIRST.plus(Duration.ofDays(this.number - 1L));
	}

	/** A clock that reads {@link #start()} now and runs on from there in real time. */
	public Clock clock() {
		return clock(Clock.systemUTC());
	}

	Clock clock(Clock system) {
		return Clock.offset(system, Duration.between(system.instant(), start()));
	}

	/** The night before, if any. */
	SandboxNight previous() {
		return new SandboxNight(this.number - 1);
	}

}
