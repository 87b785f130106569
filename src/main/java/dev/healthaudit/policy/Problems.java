package dev.healthaudit.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every problem found in one policy file. All of them are reported together, so that fixing a policy takes one
 * run instead of one run per mistake. Each line names the file, the line where known, and the key.
 */
final class Problems {

	private final PolicyDocument document;

	private final List<Problem> problems = new ArrayList<>();

	Problems(PolicyDocument document) {
		this.document = document;
	}

	/** A problem with {@code key}, placed at the line the key (or its first child) has in the file. */
	void add(String key, String message) {
		add(this.document.line(key), message);
	}

	void add(Optional<Integer> line, String message) {
		this.problems.add(new Problem(line.orElse(null), message));
	}

	boolean isEmpty() {
		return this.problems.isEmpty();
	}

	void throwIfAny() {
		if (this.problems.isEmpty()) {
			return;
		}
		String file = this.document.file();
		// In file order, so the report reads like the file; problems without a line (missing keys) come last.
		List<String> lines = this.problems.stream()
			.sorted(Comparator.comparing(Problem::line, Comparator.nullsLast(Comparator.naturalOrder())))
			.map((problem) -> file + ((problem.line() != null) ? " line " + problem.line() : "") + ": "
					+ problem.message())
			.distinct()
			.toList();
		throw new InvalidPolicyException(file, lines);
	}

	private record Problem(Integer line, String message) {

	}

}
