package dev.healthaudit.job;

import java.nio.file.Path;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/** Reads a finished job execution as the run's {@link RunOutcome}. */
final class JobOutcome {

	private JobOutcome() {
	}

	/**
	 * The outcome of a finished job execution; {@code reportsKey} holds the published
	 * reports' directory.
	 */
	static RunOutcome of(JobExecution execution, String reportsKey) {
		BatchStatus status = execution.getStatus();
		if (status == BatchStatus.COMPLETED) {
			Optional<Path> reports = execution.getExecutionContext().containsKey(reportsKey)
					? Optional.of(Path.of(execution.getExecutionContext().getString(reportsKey))) : Optional.empty();
			return new RunOutcome(RunOutcome.State.COMPLETED, reports, Optional.empty());
		}
		if (status == BatchStatus.STOPPED || status == BatchStatus.STOPPING) {
			return new RunOutcome(RunOutcome.State.STOPPED, Optional.empty(), Optional.of("the run was stopped"));
		}
		String failure = execution.getAllFailureExceptions()
			.stream()
			.findFirst()
			.map(JobOutcome::oneLine)
			.orElse("job ended " + status);
		return new RunOutcome(RunOutcome.State.FAILED, Optional.empty(), Optional.of(failure));
	}

	/** The first line of the innermost cause's message. */
	static String oneLine(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
		return message.lines().findFirst().orElse(message);
	}

}
