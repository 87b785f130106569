package dev.healthaudit.run;

/**
 * A run's reports were not published because the application is shutting down (SIGTERM):
 * published reports mean a completed run, and this one is left to be resumed, which then
 * only writes them.
 */
class ReportsWithheldException extends RuntimeException {

	ReportsWithheldException(String runId) {
		super("shutting down: the reports of run " + runId + " are not published; the next start resumes the run and "
				+ "writes them");
	}

}
