package dev.healthaudit.command;

/** Exit codes for failures before the audit command could run. */
public final class StartupFailures {

	private StartupFailures() {
	}

	public static int exitCode(Throwable failure) {
		if (DatabaseInUse.find(failure).isPresent()) {
			return ExitCode.ALREADY_RUNNING.code();
		}
		return ExitCode.FAILED.code();
	}

}
