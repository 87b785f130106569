package dev.healthaudit.command;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the command that are not part of a policy (they describe this installation, not the audit).
 *
 * @param dataDir where the embedded H2 database file lives
 * @param progressInterval how often a progress line is logged
 * @param leaseTtl how long a run's lease on its policy outlives a process that stopped renewing it
 * @param sandbox the built-in sandbox used by {@code --sandbox}
 */
@ConfigurationProperties("audit")
public record AuditProperties(@DefaultValue("data") String dataDir, @DefaultValue("10s") Duration progressInterval,
		@DefaultValue("60s") Duration leaseTtl,
		@DefaultValue Sandbox sandbox) {

	/**
	 * @param accounts fleet size
	 * @param seed fleet seed
	 * @param latency added to every sandbox answer
	 * @param slowProbeDelay how long the sandbox's slow provider takes
	 * @param requestsPerMinute the sandbox environment's rate limit (0: none)
	 */
	public record Sandbox(@DefaultValue("200") int accounts, @DefaultValue("42") long seed,
			@DefaultValue("0ms") Duration latency, @DefaultValue("5s") Duration slowProbeDelay,
			@DefaultValue("0") int requestsPerMinute) {
	}

}
