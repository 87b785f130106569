package dev.healthaudit.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.healthaudit.sandbox.Fault;
import dev.healthaudit.sandbox.FaultPlan;
import dev.healthaudit.sandbox.LimitSchedule;
import dev.healthaudit.sandbox.NoisePlan;
import dev.healthaudit.sandbox.SandboxNight;
import dev.healthaudit.sandbox.SandboxServer;
import dev.healthaudit.sandbox.SandboxSettings;
import dev.healthaudit.scalekit.ScalekitCredentials;

/**
 * What {@code --sandbox} needs: the simulator itself, its fleet as input CSV, and the
 * sandbox policy.
 */
final class DemoSandbox {

	private static final Logger logger = LoggerFactory.getLogger(DemoSandbox.class);

	private final Path dataDir;

	private final Optional<SandboxNight> night;

	private final Clock clock;

	/**
	 * @param night the night of the sandbox's calendar to run, empty for the classic
	 * fleet
	 * @param clock the audit's clock, which the sandbox shares
	 */
	DemoSandbox(Path dataDir, Optional<SandboxNight> night, Clock clock) {
		this.dataDir = dataDir;
		this.night = night;
		this.clock = clock;
	}

	SandboxServer start(AuditProperties.Sandbox configured) {
		SandboxSettings settings = SandboxSettings.defaults()
			.withAccounts(configured.accounts())
			.withSeed(configured.seed())
			.withLatency(configured.latency())
			.withLatencyJitter(configured.latencyJitter())
			.withSlowProbeDelay(configured.slowProbeDelay())
			.withRequestsPerMinute(configured.requestsPerMinute())
			.withLimiter(configured.limiter())
			.withLimitSchedule(limitSchedule(configured.limitSchedule()))
			.withFaults(faultPlan(configured.faults()))
			.withNoise(noisePlan(configured.noise()));
		SandboxServer server = SandboxServer.start(settings, this.clock, this.night);
		logger.info("sandbox started at {} with {} accounts (simulated Scalekit; results are not real)",
				server.baseUrl(), settings.accounts());
		this.night.ifPresent((tonight) -> logger.info("sandbox night {}: the simulated calendar reads {}",
				tonight.number(), tonight.start()));
		if (settings.faults().active()) {
			logger.info("sandbox injects faults {} into {}% of {} requests (burst {}, seed {})",
					settings.faults().faults(), Math.round(settings.faults().share() * 100),
					settings.faults().route().isEmpty() ? "all API" : settings.faults().route(),
					settings.faults().burst(), settings.faults().seed());
		}
		if (settings.noise().active()) {
			logger.info("sandbox injects noise: {}", settings.noise());
		}
		return server;
	}

	static LimitSchedule limitSchedule(String schedule) {
		try {
			return LimitSchedule.parse(schedule);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("audit.sandbox.limit-schedule: " + ex.getMessage(), ex);
		}
	}

	static NoisePlan noisePlan(AuditProperties.Noise noise) {
		try {
			return new NoisePlan(noise.authRateLimited(), noise.providerRateLimited(), noise.serverError(),
					noise.maxBurst(), noise.seed());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("audit.sandbox.noise: " + ex.getMessage(), ex);
		}
	}

	static FaultPlan faultPlan(AuditProperties.Faults faults) {
		List<Fault> kinds = new ArrayList<>();
		for (String kind : faults.kinds()) {
			if (!kind.isBlank()) {
				try {
					kinds.add(Fault.valueOf(kind.strip().toUpperCase(Locale.ROOT)));
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalArgumentException("audit.sandbox.faults.kinds: unknown fault '" + kind.strip()
							+ "' (known: " + Arrays.toString(Fault.values()) + ")");
				}
			}
		}
		return new FaultPlan(kinds, faults.share(), faults.route(), faults.burst(), faults.delay(), faults.seed());
	}

	static ScalekitCredentials credentials(SandboxServer server) {
		return new ScalekitCredentials(server.baseUrl(), server.settings().clientId(),
				server.settings().clientSecret());
	}

	/**
	 * Writes the fleet's input CSV into the data directory (same fleet, same file: a
	 * resumed run sees the same input).
	 */
	Path writeInput(SandboxServer sandbox) {
		SandboxSettings settings = sandbox.settings();
		Path file = this.dataDir.resolve("sandbox-accounts-" + settings.accounts() + "-" + settings.seed() + ".csv");
		try {
			DataDirectoryPermissions.secure(this.dataDir, true);
			Files.createDirectories(file.getParent());
			Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
			sandbox.fleet().writeInputCsv(temporary);
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the sandbox input " + file, ex);
		}
	}

	/**
	 * The sandbox policy packaged in the jar, for a demo started outside the project
	 * directory.
	 */
	Path packagedPolicy() {
		Path copy = this.dataDir.resolve("sandbox.yml");
		try (InputStream packaged = DemoSandbox.class.getResourceAsStream("/jobs/sandbox.yml")) {
			if (packaged == null) {
				return CommandOptions.SANDBOX_POLICY;
			}
			DataDirectoryPermissions.secure(this.dataDir, true);
			Files.createDirectories(copy.getParent());
			Files.copy(packaged, copy, StandardCopyOption.REPLACE_EXISTING);
			return copy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot unpack the sandbox policy to " + copy, ex);
		}
	}

}
