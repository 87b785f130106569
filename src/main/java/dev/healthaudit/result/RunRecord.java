package dev.healthaudit.result;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One audit run as the store knows it.
 *
 * @param input where the accounts came from (a file path or a source description)
 * @param extraColumns the input's carried-through columns, in input order
 */
public record RunRecord(String runId, String policyName, String policyDigest, String input, boolean sandbox,
		List<String> extraColumns, RunState state, Instant startedAt, Optional<Instant> endedAt) {

	public RunRecord {
		extraColumns = List.copyOf(extraColumns);
	}

	/** Lifecycle of a run in the store. */
	public enum RunState {

		/**
		 * Started and not yet complete: a crashed or stopped run stays here until
		 * resumed.
		 */
		RUNNING,
		/** All accounts audited and the reports written. */
		COMPLETED,
		/** Given up: replaced by a newer run because its policy or input changed. */
		ABANDONED

	}

}
