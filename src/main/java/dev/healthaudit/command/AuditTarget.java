package dev.healthaudit.command;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.env.Environment;

import dev.healthaudit.policy.AuditPolicy;
import dev.healthaudit.policy.SourceSettings;
import dev.healthaudit.sandbox.SandboxServer;
import dev.healthaudit.scalekit.ScalekitCredentials;

/**
 * The Scalekit a start audits: the built-in sandbox ({@code --sandbox}), started for this
 * start with its own fleet and credentials and stopped when closed, or the real
 * environment that the {@code SCALEKIT_*} variables name.
 */
final class AuditTarget implements AutoCloseable {

	private final Optional<SandboxServer> sandbox;

	private final DemoSandbox demo;

	private final Environment environment;

	AuditTarget(Optional<SandboxServer> sandbox, DemoSandbox demo, Environment environment) {
		this.sandbox = sandbox;
		this.demo = demo;
		this.environment = environment;
	}

	boolean isSandbox() {
		return this.sandbox.isPresent();
	}

	/**
	 * The policy with the input given ({@code --input}) as its source; against the
	 * sandbox without one, the fleet the sandbox generated, not whatever the policy's CSV
	 * holds.
	 */
	AuditPolicy withInput(AuditPolicy policy, Optional<Path> given) {
		Optional<Path> input = given;
		if (input.isEmpty() && this.sandbox.isPresent() && policy.source() instanceof SourceSettings.Csv) {
			input = Optional.of(this.demo.writeInput(this.sandbox.get()));
		}
		return input.map(policy::withCsvSource).orElse(policy);
	}

	ScalekitCredentials credentials() {
		return this.sandbox.map(DemoSandbox::credentials).orElseGet(this::fromEnvironment);
	}

	private ScalekitCredentials fromEnvironment() {
		Map<String, String> variables = new HashMap<>();
		for (String name : List.of(ScalekitCredentials.ENVIRONMENT_URL, ScalekitCredentials.CLIENT_ID,
				ScalekitCredentials.CLIENT_SECRET)) {
			String value = this.environment.getProperty(name);
			if (value != null) {
				variables.put(name, value);
			}
		}
		try {
			return ScalekitCredentials.from(variables);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(ex.getMessage() + " (set the SCALEKIT_* environment variables, or "
					+ "use --sandbox for the demo)");
		}
	}

	@Override
	public void close() {
		this.sandbox.ifPresent(SandboxServer::close);
	}

}
