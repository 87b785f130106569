package dev.healthaudit.policy;

import java.util.List;

/**
 * A policy file that cannot be used: unreadable, not YAML, an unknown key or an invalid
 * value. The message holds every problem found, one per line, each naming the file, the
 * line where known, and the key.
 */
public class InvalidPolicyException extends RuntimeException {

	private final String file;

	private final List<String> problems;

	InvalidPolicyException(String file, List<String> problems) {
		super(String.join(System.lineSeparator(), problems));
		this.file = file;
		this.problems = List.copyOf(problems);
	}

	InvalidPolicyException(String file, String problem, Throwable cause) {
		super(problem, cause);
		this.file = file;
		this.problems = List.of(problem);
	}

	/** The policy file as given to the loader. */
	public String file() {
		return this.file;
	}

	/** Each problem as one self-contained line. */
	public List<String> problems() {
		return this.problems;
	}

}
