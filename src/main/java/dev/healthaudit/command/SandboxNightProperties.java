package dev.healthaudit.command;

import java.time.Clock;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.healthaudit.sandbox.SandboxNight;

/**
 * {@code audit.sandbox.night}: run {@code --sandbox} as night N of the sandbox's calendar
 * (0, the default: the classic fleet at the real time). Bound apart from
 * {@link AuditProperties} so that the sandbox's other settings stay in one record of
 * their own.
 *
 * @param night 1 for the first night; every night of one calendar uses the same data
 * directory
 */
@ConfigurationProperties("audit.sandbox")
public record SandboxNightProperties(@DefaultValue("0") int night) {

	public SandboxNightProperties {
		if (night < 0) {
			throw new IllegalArgumentException("audit.sandbox.night must be 0 (none) or a night from 1, got " + night);
		}
	}

	Optional<SandboxNight> sandboxNight() {
		return (this.night == 0) ? Optional.empty() : Optional.of(new SandboxNight(this.night));
	}

	/**
	 * The clock of the whole process: the night's when one is set, so that audit and
	 * sandbox keep the same time.
	 */
	Clock clock() {
		return sandboxNight().map(SandboxNight::clock).orElseGet(Clock::systemUTC);
	}

}
