package dev.healthaudit.policy;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The policy's {@code scalekit} section: the request budget for the whole Scalekit environment and the HTTP
 * timeouts. A tool call runs the provider's API behind Scalekit, hence its own, longer timeout.
 */
public record ScalekitSettings(@DefaultValue("600") int requestsPerMinute, @DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("20s") Duration readTimeout, @DefaultValue("60s") Duration toolTimeout) {

	/** The settings used when the policy has no {@code scalekit} section. */
	public static ScalekitSettings defaults() {
		return new ScalekitSettings(600, Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(60));
	}

}
