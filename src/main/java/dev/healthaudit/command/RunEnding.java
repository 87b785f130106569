package dev.healthaudit.command;

import java.nio.file.Path;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.healthaudit.finding.Finding;
import dev.healthaudit.job.RunOutcome;
import dev.healthaudit.policy.AuditPolicy;
import dev.healthaudit.result.RunRecord;
import dev.healthaudit.run.RunFigures;
import dev.healthaudit.run.RunParts;
import dev.healthaudit.run.ShutdownSignal;

/**
 * How a start ends for whoever started it: the closing lines, or one line saying why it
 * failed, and the exit code.
 */
@Component
class RunEnding {

	/**
	 * The command's own lines, under the command's name as ever, so that log filters and
	 * alerts keep finding them.
	 */
	private static final Logger logger = LoggerFactory.getLogger(AuditCommand.class);

	private final RunTelemetry telemetry;

	private final Environment environment;

	private final ShutdownSignal shutdown;

	RunEnding(RunTelemetry telemetry, Environment environment, ShutdownSignal shutdown) {
		this.telemetry = telemetry;
		this.environment = environment;
		this.shutdown = shutdown;
	}

	/** The exit code of a run the job has returned from, after its closing lines. */
	ExitCode of(RunOutcome outcome, RunRecord run, AuditPolicy policy, RunParts parts) {
		Optional<Path> published = parts.published();
		if (outcome.state() == RunOutcome.State.STOPPED && published.isPresent()) {
			// the stop came after the last check, while the complete reports were moved
			// into place: the report step
			// committed (Batch stops a step only after its transaction), so the run is
			// complete and published; say
			// so (without the database, which is closing), although a JVM stopped by a
			// signal exits 143 anyway
			logger.warn("a stop was requested while the reports of run {} were being published; they are complete "
					+ "and the run completed", run.runId());
			this.telemetry.reportsAt(published.get());
			say("Reports: " + published.get().toAbsolutePath().normalize());
			return ExitCode.COMPLETED;
		}
		if (outcome.state() != RunOutcome.State.COMPLETED && this.shutdown.received()) {
			// no database access here: the pool closes as soon as the job has returned
			return fail(ExitCode.FAILED, "run " + run.runId() + " was stopped before its reports were published. "
					+ "Start again with the same arguments to resume it (every account audited so far is stored; "
					+ "what is left is audited, then the reports are written).");
		}
		if (outcome.state() != RunOutcome.State.COMPLETED) {
			return fail(ExitCode.FAILED,
					"run " + run.runId() + " did not complete: " + outcome.failure().orElse(outcome.state().name())
							+ ". Start again with the same arguments to " + "resume it.");
		}
		if (outcome.reports().isEmpty()) {
			System.out.println("Shard done; the last shard of run " + run.runId() + " writes the report");
			return ExitCode.COMPLETED;
		}
		return completed(run, outcome.reports().get(), parts.figures(run), policy.failOn());
	}

	private ExitCode completed(RunRecord run, Path directory, RunFigures figures, Optional<Finding> failOn) {
		this.telemetry.reportsAt(directory);
		say("Audited " + figures.accounts() + " accounts (" + figures.rejects() + " input rows rejected) in run "
				+ run.runId() + (run.sandbox() ? " against the SANDBOX" : ""));
		say("Health: " + figures.health());
		say("Reports: " + directory.toAbsolutePath().normalize());
		if (figures.incident().isPresent()) {
			// the reports are complete, but they describe the environment rather than the
			// accounts
			logger.error("run {}: {} {}", run.runId(), figures.incident().get().message(),
					figures.incident().get().action());
			return ExitCode.ENVIRONMENT_INCIDENT;
		}
		long failing = failOn.map(figures::atOrAbove).orElse(0L);
		if (failing > 0) {
			say(failing + " accounts at or above fail-on " + failOn.get());
			return ExitCode.FINDINGS;
		}
		return ExitCode.COMPLETED;
	}

	/** One ERROR line, which the end-of-run notification repeats. */
	ExitCode fail(ExitCode code, String message) {
		logger.error(message);
		this.telemetry.failure(message);
		return code;
	}

	/**
	 * The closing lines for a person at a terminal; with structured (JSON) console logs
	 * they are log events, so that every line of the output parses.
	 */
	private void say(String line) {
		if (this.environment.containsProperty("logging.structured.format.console")) {
			logger.info(line);
		}
		else {
			System.out.println(line);
		}
	}

}
