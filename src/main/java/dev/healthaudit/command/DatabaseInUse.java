package dev.healthaudit.command;

import java.sql.SQLException;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * The embedded H2 database file is locked by another process: a run is in progress in the
 * same data directory. Turned into one clear message (instead of a stack trace) and exit
 * code {@link ExitCode#ALREADY_RUNNING}.
 */
public class DatabaseInUse implements FailureAnalyzer {

	/** H2's "database may be already in use" error code. */
	private static final int H2_DATABASE_ALREADY_OPEN = 90020;

	static Optional<SQLException> find(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
				return Optional.of(sql);
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return Optional.empty();
	}

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		return find(failure)
			.map((cause) -> new FailureAnalysis(
					"Another audit process is using the embedded database in this data directory "
							+ "(audit.data-dir), so a run is in progress. Nothing was started or changed.",
					"Wait for that run to finish. To run different policies side by side, give each its own "
							+ "--audit.data-dir, or use a shared PostgreSQL database.",
					cause))
			.orElse(null);
	}

}
