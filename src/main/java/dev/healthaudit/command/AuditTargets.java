package dev.healthaudit.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.healthaudit.sandbox.SandboxServer;

/**
 * Finds the policy file of a start and opens the {@link AuditTarget} it audits, both as
 * {@code --sandbox} decides.
 */
@Component
class AuditTargets {

	private final Environment environment;

	private final Clock clock;

	private final AuditProperties properties;

	private final SandboxNightProperties nights;

	AuditTargets(Environment environment, Clock clock, AuditProperties properties, SandboxNightProperties nights) {
		this.environment = environment;
		this.clock = clock;
		this.properties = properties;
		this.nights = nights;
	}

	/**
	 * The policy file given; with {@code --sandbox} by default the sandbox's, from the
	 * jar when not at hand.
	 */
	Path policyFile(CommandOptions options) {
		Path policyFile = options.policy()
			.orElseThrow(() -> new IllegalArgumentException(
					"no policy: give --policy=<file.yml>, or --sandbox to run the demo against the built-in sandbox"));
		if (this.nights.night() > 0 && !options.sandbox()) {
			throw new IllegalArgumentException("audit.sandbox.night needs --sandbox: it sets the sandbox's calendar");
		}
		if (options.sandbox() && policyFile.equals(CommandOptions.SANDBOX_POLICY) && !Files.exists(policyFile)) {
			return demoSandbox().packagedPolicy();
		}
		return policyFile;
	}

	/**
	 * Starts the sandbox for {@code --sandbox}; else the target is the real environment.
	 */
	AuditTarget open(CommandOptions options) {
		DemoSandbox demo = demoSandbox();
		Optional<SandboxServer> sandbox = options.sandbox() ? Optional.of(demo.start(this.properties.sandbox()))
				: Optional.empty();
		return new AuditTarget(sandbox, demo, this.environment);
	}

	private DemoSandbox demoSandbox() {
		return new DemoSandbox(Path.of(this.environment.getRequiredProperty("audit.data-path")),
				this.nights.sandboxNight(), this.clock);
	}

}
