package dev.healthaudit.policy;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One entry of {@code connections} as bound by the {@code Binder}. It has no name (the
 * name is the map key, as written) so that a stray {@code name:} below a connection is
 * reported as unknown, and no probe params (free-form, taken from the YAML tree). The
 * rate limit is kept within what a token bucket can refill (10^12 per second fails deep
 * inside the rate limiter) and above one probe per 100 s, which would look like a hung
 * job.
 */
record ConnectionProperties(@DefaultValue List<@NotBlank(message = "'{key}' is empty") String> requiredScopes,
		@NotNull(message = "'{key}.tool'" + Probe.TOOL_REQUIRED, payload = ReportedAtSection.class) @Valid Probe probe,
		@DefaultValue("10") @DecimalMin(value = "0.01", message = ConnectionProperties.RATE_LIMIT) @DecimalMax(
				value = "100000", message = ConnectionProperties.RATE_LIMIT) double rateLimit) {

	static final String RATE_LIMIT = "invalid value {value} for '{key}' (expected probe requests per second, from 0.01 "
			+ "to 100000)";

	/** The read-only tool run against each account of the connection. */
	record Probe(@NotBlank(message = "'{key}'" + TOOL_REQUIRED, payload = ReportedAtSection.class) String tool) {

		static final String TOOL_REQUIRED = " is required: the read-only tool run against each account (for example "
				+ "gmail_get_profile)";

	}

}
