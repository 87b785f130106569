package dev.healthaudit.ratelimit;

import java.time.Duration;

/** Waits; injected so that tests can record waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

	Sleeper SYSTEM = (duration) -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

	void sleep(Duration duration) throws InterruptedException;

}
