package dev.healthaudit.command;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.ApplicationArguments;

/**
 * The options of the audit command.
 *
 * @param policy the policy file; defaults to {@code jobs/sandbox.yml} with {@code --sandbox}
 * @param input a CSV file that replaces the policy's account source
 * @param reportsDir where run directories are written
 * @param sandbox run against the built-in sandbox instead of a real Scalekit environment
 */
record CommandOptions(Optional<Path> policy, Optional<Path> input, Path reportsDir, boolean sandbox) {

	static final Path SANDBOX_POLICY = Path.of("jobs", "sandbox.yml");

	static CommandOptions from(ApplicationArguments arguments) {
		boolean sandbox = arguments.containsOption("sandbox") && !isFalse(arguments.getOptionValues("sandbox"));
		Optional<Path> policy = single(arguments, "policy").map(Path::of);
		if (policy.isEmpty() && sandbox) {
			policy = Optional.of(SANDBOX_POLICY);
		}
		return new CommandOptions(policy, single(arguments, "input").map(Path::of),
				single(arguments, "reports-dir").map(Path::of).orElse(Path.of("reports")), sandbox);
	}

	private static Optional<String> single(ApplicationArguments arguments, String name) {
		List<String> values = arguments.getOptionValues(name);
		if (values == null || values.isEmpty()) {
			return Optional.empty();
		}
		if (values.size() > 1) {
			throw new IllegalArgumentException("--" + name + " given more than once");
		}
		String value = values.get(0);
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("--" + name + " needs a value, e.g. --" + name + "=...");
		}
		return Optional.of(value);
	}

	private static boolean isFalse(List<String> values) {
		return values != null && values.size() == 1 && "false".equalsIgnoreCase(values.get(0));
	}

}
