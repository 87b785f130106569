package dev.healthaudit.policy;

import java.time.Duration;

import org.hibernate.validator.constraints.Range;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The policy's {@code retry} section: the budget for 429, 5xx and timeouts.
 * {@code maxAttempts} counts the first attempt; the backoff grows from
 * {@code initialBackoff} and is capped at {@code maxBackoff}.
 */
public record RetrySettings(
		@DefaultValue("4") @Range(min = 1, max = 20,
				message = "invalid value {value} for '{key}' (expected 1 to 20)") int maxAttempts,
		@DefaultValue("500ms") @RetryBackoff Duration initialBackoff,
		@DefaultValue("30s") @RetryBackoff Duration maxBackoff) {

}
