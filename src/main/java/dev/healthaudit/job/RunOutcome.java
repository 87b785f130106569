package dev.healthaudit.job;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How a job execution ended, in the job's own words (no Spring Batch types leak out).
 *
 * @param failure why it failed, one line, when it did
 */
public record RunOutcome(State state, Optional<Path> reports, Optional<String> failure) {

	/** Terminal states of a run. */
	public enum State {

		COMPLETED, STOPPED, FAILED

	}

}
