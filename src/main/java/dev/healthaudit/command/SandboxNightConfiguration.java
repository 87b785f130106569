package dev.healthaudit.command;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * {@code audit.sandbox.night}: the sandbox's calendar, whose clock the whole process then
 * reads.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SandboxNightProperties.class)
class SandboxNightConfiguration {

	/**
	 * With a night set, the night's clock replaces the system clock: the audit dates its
	 * checks and its run on the sandbox's calendar, as the sandbox it talks to does.
	 */
	@Bean
	@Primary
	@ConditionalOnProperty(prefix = "audit.sandbox", name = "night")
	Clock sandboxNightClock(SandboxNightProperties nights) {
		return nights.clock();
	}

}
