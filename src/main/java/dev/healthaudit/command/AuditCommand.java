package dev.healthaudit.command;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

import dev.healthaudit.account.InvalidInputException;
import dev.healthaudit.account.SourceUnavailableException;
import dev.healthaudit.job.AuditJob;
import dev.healthaudit.job.RunOutcome;
import dev.healthaudit.policy.AuditPolicy;
import dev.healthaudit.policy.InvalidPolicyException;
import dev.healthaudit.policy.PolicyLoader;
import dev.healthaudit.report.ReportDirectory;
import dev.healthaudit.report.UnusableReportDirectoryException;
import dev.healthaudit.result.RunLease;
import dev.healthaudit.result.RunRecord;
import dev.healthaudit.result.RunRecord.RunState;
import dev.healthaudit.run.PolicyLeases;
import dev.healthaudit.run.RunAssembly;
import dev.healthaudit.run.RunChoice;
import dev.healthaudit.run.RunInProgressException;
import dev.healthaudit.run.RunParts;
import dev.healthaudit.scalekit.ApiFailure;
import dev.healthaudit.scalekit.ScalekitAuthenticationException;
import dev.healthaudit.scalekit.ScalekitCredentials;

/**
 * Runs one audit: options, policy, lease, the run's parts, the job, and the exit code.
 * What each step involves lives in the {@code run} package; this class keeps their order
 * and turns failures into exit codes.
 */
@Component
public class AuditCommand implements ApplicationRunner, ExitCodeGenerator {

	private static final Logger logger = LoggerFactory.getLogger(AuditCommand.class);

	private final AuditTargets targets;

	private final PolicyLeases leases;

	private final RunAssembly assembly;

	private final AuditJob job;

	private final RunTelemetry telemetry;

	private final RunEnding ending;

	private ExitCode exitCode = ExitCode.COMPLETED;

	AuditCommand(AuditTargets targets, PolicyLeases leases, RunAssembly assembly, AuditJob job, RunTelemetry telemetry,
			RunEnding ending) {
		this.targets = targets;
		this.leases = leases;
		this.assembly = assembly;
		this.job = job;
		this.telemetry = telemetry;
		this.ending = ending;
	}

	@Override
	public int getExitCode() {
		return this.exitCode.code();
	}

	@Override
	public void run(ApplicationArguments arguments) {
		boolean unexpected = false;
		try {
			this.telemetry.begin();
			this.exitCode = audit(CommandOptions.from(arguments));
		}
		catch (InvalidPolicyException | InvalidInputException | IllegalArgumentException
				| UnusableReportDirectoryException | ScalekitAuthenticationException ex) {
			this.exitCode = this.ending.fail(ExitCode.INVALID, ex.getMessage());
		}
		catch (RunInProgressException ex) {
			this.exitCode = this.ending.fail(ExitCode.ALREADY_RUNNING, ex.getMessage());
		}
		catch (SourceUnavailableException ex) {
			// the source's database is down or unreachable: the run failed and a later
			// start may succeed
			this.exitCode = this.ending.fail(ExitCode.FAILED, ex.getMessage());
		}
		catch (RuntimeException ex) {
			// propagates (main exits 1); metrics and the webhook still hear of it
			unexpected = true;
			this.telemetry.failure(ex.toString());
			throw ex;
		}
		finally {
			this.telemetry.end(unexpected ? ExitCode.FAILED : this.exitCode);
			MDC.remove("runId");
		}
	}

	private ExitCode audit(CommandOptions options) {
		AuditPolicy policy = PolicyLoader.load(this.targets.policyFile(options), System.getenv());
		this.telemetry.policy(policy.name(), options.sandbox());
		// found now, not after hours of auditing
		new ReportDirectory(options.reportsDir()).requireWritable();
		try (RunLease lease = this.leases.take(policy.name(), options.shard())) {
			return audit(options, policy);
		}
	}

	private ExitCode audit(CommandOptions options, AuditPolicy policy) {
		try (AuditTarget target = this.targets.open(options)) {
			AuditPolicy runPolicy = target.withInput(policy, options.input());
			RunChoice choice = this.assembly.choice(options.shard(), options.runKey());
			ScalekitCredentials credentials = target.credentials();
			RunParts parts = this.assembly.assemble(runPolicy, choice, credentials, target.isSandbox(),
					options.reportsDir());
			RunRecord run = parts.chooseRun();
			if (run.state() == RunState.COMPLETED) {
				logger.info("run {} is already complete; nothing to do for shard {}", run.runId(), choice.shard());
				return ExitCode.COMPLETED;
			}
			MDC.put("runId", run.runId());
			this.telemetry.run(run);
			// the job verifies the credentials right before its first step; an
			// unreachable environment leaves the run chosen, and the next start resumes
			// it
			RunOutcome outcome = this.job.run(parts.auditRun(run));
			Optional<ApiFailure> unreachable = parts.credentialsProblem();
			if (unreachable.isPresent()) {
				return this.ending.fail(ExitCode.FAILED, "cannot reach Scalekit at " + credentials.environmentUrl()
						+ ": " + unreachable.get().describe());
			}
			parts.ended(run, outcome);
			return this.ending.of(outcome, run, runPolicy, parts);
		}
	}

}
