package dev.healthaudit.policy;

import org.jspecify.annotations.NullUnmarked;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every problem found in one policy file. All of them are reported together, so that
 * fixing a policy takes one run instead of one run per mistake. Each line names the file,
 * the line where known, and the key.
 */
@NullUnmarked
final class Problems {

	private final PolicyDocument document;

	private final List<Problem> problems = new ArrayList<>();

	private final Set<String> keys = new HashSet<>();

	private final Set<String> unreadKeys = new HashSet<>();

	Problems(PolicyDocument document) {
		this.document = document;
	}

	/**
	 * A problem with {@code key}, placed at the line the key (or its first child) has in
	 * the file.
	 */
	void add(String key, String message) {
		add(key, this.document.line(key), message);
	}

	void add(String key, Optional<Integer> line, String message) {
		this.keys.add(key);
		this.problems.add(new Problem(line.orElse(null), message));
	}

	/**
	 * A problem with a value that could not be read (not converted, a placeholder not
	 * resolved, not given).
	 */
	void addUnread(String key, Optional<Integer> line, String message) {
		add(key, line, message);
		this.unreadKeys.add(key);
	}

	/** Whether a problem was reported for exactly {@code key}. */
	boolean has(String key) {
		return this.keys.contains(key);
	}

	/**
	 * Whether a value at, above or below {@code key} could not be read: whatever is then
	 * judged of {@code key} is judged of a default or of nothing, and the problem to fix
	 * is the unread value.
	 */
	boolean isUnreadNear(String key) {
		return this.unreadKeys.stream()
			.anyMatch((unread) -> PolicyDocument.isUnder(key, unread) || PolicyDocument.isUnder(unread, key));
	}

	void throwIfAny() {
		if (this.problems.isEmpty()) {
			return;
		}
		String file = this.document.file();
		// In file order, so the report reads like the file; problems without a line
		// (missing keys) come last.
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
