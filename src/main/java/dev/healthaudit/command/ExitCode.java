package dev.healthaudit.command;

/** The process exit codes of product §6. */
public enum ExitCode {

	/** The run completed (and no finding reached {@code fail-on}). */
	COMPLETED(0),
	/** The job failed or was stopped; a next start resumes it. */
	FAILED(1),
	/** Invalid configuration or input; nothing was audited. */
	INVALID(2),
	/** The run completed, but findings at or above {@code fail-on} exist. */
	FINDINGS(3),
	/** Another run of the same policy is in progress; nothing was done. */
	ALREADY_RUNNING(4),
	/**
	 * The run completed and wrote its reports, but could not audit most accounts for one
	 * cause of the environment (our credentials refused, Scalekit unavailable): a
	 * run-level incident. Wins over {@link #FINDINGS}.
	 */
	ENVIRONMENT_INCIDENT(5);

	private final int code;

	ExitCode(int code) {
		this.code = code;
	}

	public int code() {
		return this.code;
	}

}
