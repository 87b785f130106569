package dev.healthaudit.probe;

import java.util.regex.Pattern;

import dev.healthaudit.finding.Finding;

/**
 * A provider-specific failure named in Scalekit's troubleshooting guide, recognised from
 * the tool error text or code.
 *
 * @param id a stable short name, used to group accounts into connection-level incidents
 * @param finding what the failure means
 * @param pattern matched against the provider's message and error code
 * @param action what to do, in plain words
 * @param connectionWide whether the cause lies with the connection (its OAuth app or
 * tenant), not with one user
 */
public record ProviderRule(String id, Finding finding, Pattern pattern, String action, boolean connectionWide) {

	boolean matches(String text) {
		return this.pattern.matcher(text).find();
	}

}
