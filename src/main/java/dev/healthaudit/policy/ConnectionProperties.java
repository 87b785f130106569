package dev.healthaudit.policy;

import java.util.List;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One entry of {@code connections} as bound by the {@code Binder}. It has no name (the name is the map key,
 * taken verbatim from the YAML tree) so that a stray {@code name:} below a connection is reported as unknown.
 */
record ConnectionProperties(@DefaultValue List<String> requiredScopes, ProbeSettings probe,
		@DefaultValue("10") double rateLimit) {

}
