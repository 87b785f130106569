package dev.healthaudit.policy;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The policy's {@code retry} section: the budget for 429, 5xx and timeouts. {@code maxAttempts} counts the first
 * attempt; the backoff grows from {@code initialBackoff} and is capped at {@code maxBackoff}.
 */
public record RetrySettings(@DefaultValue("4") int maxAttempts, @DefaultValue("500ms") Duration initialBackoff,
		@DefaultValue("30s") Duration maxBackoff) {

	/** The settings used when the policy has no {@code retry} section. */
	public static RetrySettings defaults() {
		return new RetrySettings(4, Duration.ofMillis(500), Duration.ofSeconds(30));
	}

}
