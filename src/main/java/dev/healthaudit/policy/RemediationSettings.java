package dev.healthaudit.policy;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The policy's {@code remediation} section. Authorization links are off by default
 * because creating one is a write on Scalekit and sends the run's output towards end
 * users.
 */
public record RemediationSettings(@DefaultValue("true") boolean refresh,
		@DefaultValue("false") boolean authorizationLinks) {

}
