package dev.healthaudit.policy;

import java.time.Duration;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The policy's {@code scalekit} section: the request budget for the whole Scalekit
 * environment and the HTTP timeouts. A tool call runs the provider's API behind Scalekit,
 * hence its own, longer timeout.
 */
public record ScalekitSettings(
		@DefaultValue("600") @Positive(
				message = "invalid value {value} for '{key}' (expected a number greater than 0)") int requestsPerMinute,
		@DefaultValue("5s") @HttpTimeout Duration connectTimeout,
		@DefaultValue("20s") @HttpTimeout Duration readTimeout,
		@DefaultValue("60s") @HttpTimeout Duration toolTimeout) {

	/** The settings used when the policy has no {@code scalekit} section. */
	public static ScalekitSettings defaults() {
		return PolicyDefaults.of(ScalekitSettings.class);
	}

}
