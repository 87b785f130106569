package dev.healthaudit.command;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.ApplicationArguments;

import dev.healthaudit.account.Shard;

/**
 * The options of the audit command.
 *
 * @param policy the policy file; defaults to {@code jobs/sandbox.yml} with
 * {@code --sandbox}
 * @param input a CSV file that replaces the policy's account source
 * @param reportsDir where run directories are written
 * @param sandbox run against the built-in sandbox instead of a real Scalekit environment
 * @param shard the slice of the accounts this process audits ({@code --shard=i/n}, or
 * {@code JOB_COMPLETION_INDEX} with {@code --shard-count=n} as in a Kubernetes Indexed
 * Job)
 * @param runKey names the run all shards of one sharded run join (default: today's UTC
 * date)
 */
record CommandOptions(Optional<Path> policy, Optional<Path> input, Path reportsDir, boolean sandbox, Shard shard,
		Optional<String> runKey) {

	static final Path SANDBOX_POLICY = Path.of("jobs", "sandbox.yml");

	static CommandOptions from(ApplicationArguments arguments) {
		boolean sandbox = arguments.containsOption("sandbox") && !isFalse(arguments.getOptionValues("sandbox"));
		Optional<Path> policy = single(arguments, "policy").map(Path::of);
		if (policy.isEmpty() && sandbox) {
			policy = Optional.of(SANDBOX_POLICY);
		}
		return new CommandOptions(policy, single(arguments, "input").map(Path::of),
				single(arguments, "reports-dir").map(Path::of).orElse(Path.of("reports")), sandbox,
				shard(arguments, System.getenv()),
				single(arguments, "run-key").or(() -> Optional.ofNullable(System.getenv("AUDIT_RUN_KEY"))));
	}

	static Shard shard(ApplicationArguments arguments, Map<String, String> environment) {
		Optional<String> explicit = single(arguments, "shard");
		if (explicit.isPresent()) {
			return Shard.parse(explicit.get());
		}
		Optional<String> count = single(arguments, "shard-count")
			.or(() -> Optional.ofNullable(environment.get("AUDIT_SHARD_COUNT")));
		if (count.isEmpty()) {
			return Shard.ALL;
		}
		String index = environment.get("JOB_COMPLETION_INDEX");
		if (index == null || index.isBlank()) {
			throw new IllegalArgumentException("--shard-count needs JOB_COMPLETION_INDEX (set by a Kubernetes "
					+ "Indexed Job) or use --shard=i/n");
		}
		return Shard.parse(index.trim() + "/" + count.get().trim());
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
