package dev.healthaudit.policy;

import org.jspecify.annotations.NullUnmarked;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules that judge several settings together, checked once the policy is bound and
 * validated: backoffs in order, a JDBC source that only reads ({@link JdbcSourceRules})
 * and probes that only read ({@link ProbeSafety}). A setting that already has a problem
 * is not judged again.
 */
@NullUnmarked
final class PolicyChecks {

	private final Problems problems;

	PolicyChecks(Problems problems) {
		this.problems = problems;
	}

	void check(PolicyProperties<?> policy, Map<String, ConnectionPolicy> connections) {
		checkBackoffs(policy.retry());
		if (policy.source() instanceof SourceSettings.Jdbc jdbc) {
			checkJdbc(jdbc);
		}
		Set<String> allowedWriteTools = new HashSet<>(policy.allowedWriteTools());
		connections.forEach((name, connection) -> checkProbe(PolicyDocument.CONNECTIONS + "." + name + ".probe.tool",
				connection.probe(), allowedWriteTools));
	}

	private void checkBackoffs(RetrySettings retry) {
		String initial = "retry.initial-backoff";
		String max = "retry.max-backoff";
		if (!this.problems.has(initial) && !this.problems.has(max)
				&& retry.maxBackoff().compareTo(retry.initialBackoff()) < 0) {
			this.problems.add(max, "'" + max + "' (" + retry.maxBackoff() + ") must not be shorter than '" + initial
					+ "' (" + retry.initialBackoff() + ")");
		}
	}

	/** A policy must not be a way to run code in the job or read its files. */
	private void checkJdbc(SourceSettings.Jdbc source) {
		String url = isGiven(source.url()) ? source.url() : null;
		if (url != null && !this.problems.has("source.url")) {
			JdbcSourceRules.urlProblems(url).forEach((problem) -> this.problems.add("source.url", problem));
		}
		if (isGiven(source.query()) && !this.problems.has("source.query")) {
			JdbcSourceRules.queryProblems((url != null) ? url : "", source.query())
				.forEach((problem) -> this.problems.add("source.query", problem));
		}
	}

	private void checkProbe(String toolKey, ProbeSettings probe, Set<String> allowedWriteTools) {
		String tool = (probe != null) ? probe.tool() : null;
		if (!isGiven(tool) || allowedWriteTools.contains(tool)) {
			return;
		}
		Optional<String> writeToken = ProbeSafety.writeToken(tool);
		writeToken.ifPresent((token) -> this.problems.add(toolKey,
				toolKey + " " + Excerpt.quoted(tool) + " looks like a write (token '" + token
						+ "'); probes must be read-only. List it under " + "allowed-write-tools to allow it."));
	}

	private static boolean isGiven(String value) {
		return value != null && !value.isBlank();
	}

}
