package dev.healthaudit.notify;

import java.util.List;
import java.util.Optional;

/**
 * What a notification says about a run: headline figures only, never an identifier, link
 * or token.
 *
 * @param policy the policy's name, empty when it could not be read
 * @param runId the run, empty when the command ended before one was chosen
 * @param figures the run's figures, when it completed
 * @param reports where the run's reports are, when it wrote them
 * @param failure why the run failed, one line, when it did (redacted here, see
 * {@link Redaction})
 */
public record RunNotice(Outcome outcome, String policy, Optional<String> runId, boolean sandbox,
		Optional<Figures> figures, Optional<String> reports, Optional<String> failure) {

	public RunNotice {
		failure = failure.map(Redaction::line);
	}

	public static RunNotice completed(Outcome outcome, String policy, String runId, boolean sandbox, Figures figures,
			String reports) {
		return new RunNotice(outcome, policy, Optional.of(runId), sandbox, Optional.of(figures), Optional.of(reports),
				Optional.empty());
	}

	public static RunNotice failed(Outcome outcome, String policy, Optional<String> runId, boolean sandbox,
			String failure) {
		return new RunNotice(outcome, policy, runId, sandbox, Optional.empty(), Optional.empty(), Optional.of(failure));
	}

	/** How a run ended, as far as a reader of the notification cares. */
	public enum Outcome {

		/** Completed; no account reached {@code fail-on} (exit 0). */
		COMPLETED,
		/** Completed; accounts at or above {@code fail-on} exist (exit 3). */
		FINDINGS,
		/**
		 * Completed, but most accounts could not be audited for one cause of the
		 * environment (exit 5): see {@link Figures#environmentIncident()}.
		 */
		ENVIRONMENT_INCIDENT,
		/**
		 * The job failed, was stopped or could not reach Scalekit (exit 1); the next
		 * start resumes it.
		 */
		FAILED,
		/** Invalid configuration or input (exit 2); nothing was audited. */
		INVALID

	}

	/**
	 * The headline figures of a completed run.
	 *
	 * @param healthy accounts that work: {@code HEALTHY} or {@code REFRESHED}
	 * @param needingUserAction accounts whose user must act (the rows of
	 * {@code reauth-campaign.csv})
	 * @param incidents connection-level incidents, most affected first
	 * @param environmentIncident the run-level incident, when most accounts could not be
	 * audited for one cause of the environment
	 */
	public record Figures(long accounts, long healthy, long needingUserAction, long inconclusive,
			List<ConnectionIncident> incidents, Optional<EnvironmentIncident> environmentIncident) {

		public Figures {
			incidents = List.copyOf(incidents);
		}

		/** Figures of a run without a run-level incident. */
		public Figures(long accounts, long healthy, long needingUserAction, long inconclusive,
				List<ConnectionIncident> incidents) {
			this(accounts, healthy, needingUserAction, inconclusive, incidents, Optional.empty());
		}

		/**
		 * Healthy accounts in percent of all audited, one decimal; empty when none was
		 * audited.
		 */
		public Optional<Double> healthyPercent() {
			if (this.accounts == 0) {
				return Optional.empty();
			}
			return Optional.of(Math.round(this.healthy * 1000.0 / this.accounts) / 10.0);
		}

	}

	/**
	 * Accounts of one connection failing for one connection-wide cause.
	 *
	 * @param incident the cause, a provider rule id such as {@code invalid_client}
	 */
	public record ConnectionIncident(String connectionName, String incident, long accounts) {
	}

	/**
	 * Most accounts of the run could not be audited for one cause of the environment.
	 *
	 * @param incident the cause, e.g. {@code credentials_refused} or
	 * {@code api_unavailable}
	 * @param accounts accounts it left undecided
	 * @param message one sentence saying so, counts only
	 */
	public record EnvironmentIncident(String incident, long accounts, String message) {
	}

}
