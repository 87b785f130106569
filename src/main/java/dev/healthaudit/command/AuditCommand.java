package dev.healthaudit.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.healthaudit.account.AccountSource;
import dev.healthaudit.account.AccountSources;
import dev.healthaudit.account.InputCensus;
import dev.healthaudit.account.InvalidInputException;
import dev.healthaudit.finding.Finding;
import dev.healthaudit.job.AuditJob;
import dev.healthaudit.job.AuditRun;
import dev.healthaudit.job.ProgressInputs;
import dev.healthaudit.job.RunOutcome;
import dev.healthaudit.policy.AuditPolicy;
import dev.healthaudit.policy.InvalidPolicyException;
import dev.healthaudit.policy.PolicyLoader;
import dev.healthaudit.policy.SourceType;
import dev.healthaudit.probe.AccountAuditor;
import dev.healthaudit.probe.AuditCounters;
import dev.healthaudit.ratelimit.Backoff;
import dev.healthaudit.ratelimit.Retries;
import dev.healthaudit.ratelimit.RateBudgets;
import dev.healthaudit.ratelimit.Sleeper;
import dev.healthaudit.report.ReportDirectory;
import dev.healthaudit.report.RunReports;
import dev.healthaudit.result.ApiStats;
import dev.healthaudit.result.ResultStore;
import dev.healthaudit.result.RunLease;
import dev.healthaudit.result.RunRecord;
import dev.healthaudit.result.RunRecord.RunState;
import dev.healthaudit.sandbox.SandboxServer;
import dev.healthaudit.scalekit.ApiFailure;
import dev.healthaudit.scalekit.CallCounter;
import dev.healthaudit.scalekit.CallResult;
import dev.healthaudit.scalekit.CallListener;
import dev.healthaudit.scalekit.ScalekitAuthenticationException;
import dev.healthaudit.scalekit.ScalekitClient;
import dev.healthaudit.scalekit.ScalekitCredentials;
import dev.healthaudit.scalekit.ScalekitTimeouts;

/**
 * Runs one audit: validate, resume or start, audit, report, and set the exit code.
 */
@Component
public class AuditCommand implements ApplicationRunner, ExitCodeGenerator {

	private static final Logger logger = LoggerFactory.getLogger(AuditCommand.class);

	private final AuditJob job;

	private final ResultStore store;

	private final Environment environment;

	private final Clock clock;

	private final AuditProperties properties;

	private final DataSource dataSource;

	private ExitCode exitCode = ExitCode.COMPLETED;

	public AuditCommand(AuditJob job, ResultStore store, Environment environment, Clock clock,
			AuditProperties properties, DataSource dataSource) {
		this.properties = properties;
		this.dataSource = dataSource;
		this.job = job;
		this.store = store;
		this.environment = environment;
		this.clock = clock;
	}

	@Override
	public int getExitCode() {
		return this.exitCode.code();
	}

	@Override
	public void run(ApplicationArguments arguments) {
		try {
			this.exitCode = audit(CommandOptions.from(arguments));
		}
		catch (InvalidPolicyException | InvalidInputException | IllegalArgumentException ex) {
			this.exitCode = fail(ExitCode.INVALID, ex.getMessage());
		}
		catch (ScalekitAuthenticationException ex) {
			this.exitCode = fail(ExitCode.INVALID, ex.getMessage());
		}
		finally {
			MDC.remove("runId");
		}
	}

	private ExitCode audit(CommandOptions options) {
		Path policyFile = options.policy()
			.orElseThrow(() -> new IllegalArgumentException(
					"no policy: give --policy=<file.yml>, or --sandbox to run the demo against the built-in sandbox"));
		if (options.sandbox() && policyFile.equals(CommandOptions.SANDBOX_POLICY) && !Files.exists(policyFile)) {
			policyFile = demoSandbox().packagedPolicy();
		}
		AuditPolicy policy = PolicyLoader.load(policyFile, System.getenv());
		RunLease.Acquisition acquisition = RunLease.acquire(this.dataSource, this.clock, "policy:" + policy.name(),
				RunLease.ownerOfThisProcess(), this.properties.leaseTtl());
		if (acquisition.lease().isEmpty()) {
			RunLease.Holder holder = acquisition.heldBy().orElseThrow();
			return fail(ExitCode.ALREADY_RUNNING, "a run of policy '" + policy.name() + "' is already in progress ("
					+ holder.owner() + ", lease valid until " + holder.expiresAt() + "); not starting another");
		}
		try (RunLease lease = acquisition.lease().get()) {
			return audit(options, policyFile, policy);
		}
	}

	private ExitCode audit(CommandOptions options, Path policyFile, AuditPolicy policy) {
		try (SandboxServer sandbox = options.sandbox() ? demoSandbox().start(this.properties.sandbox()) : null) {
			Optional<Path> input = options.input();
			if (input.isEmpty() && sandbox != null && policy.source().type() == SourceType.CSV) {
				// the sandbox's accounts are the fleet it generated, not whatever the policy's CSV holds
				input = Optional.of(demoSandbox().writeInput(sandbox));
			}
			if (input.isPresent()) {
				policy = policy.withCsvSource(input.get());
			}
			AuditPolicy runPolicy = policy;
			ScalekitCredentials credentials = (sandbox != null) ? DemoSandbox.credentials(sandbox)
					: credentialsFromEnvironment();
			CallCounter calls = new CallCounter();
			RateBudgets budgets = budgets(runPolicy);
			ScalekitClient client = new ScalekitClient(credentials, timeouts(runPolicy),
					CallListener.compose(budgets, calls), this.clock);
			AuditCounters counters = new AuditCounters();
			Retries retries = new Retries(backoff(runPolicy), Sleeper.SYSTEM, (failed) -> counters.retried());
			AccountSources sources = new AccountSources(client, retries);
			java.util.List<String> extraColumns;
			try (AccountSource check = sources.open(runPolicy)) {
				extraColumns = check.extraColumns();
			}
			Optional<InputCensus> census = csvCensus(sources, runPolicy);
			Optional<ApiFailure> unreachable = verifyCredentials(client, retries);
			if (unreachable.isPresent()) {
				return fail(ExitCode.FAILED, "cannot reach Scalekit at " + credentials.environmentUrl() + ": "
						+ unreachable.get().describe());
			}
			RunRecord run = new RunSelector(this.store, this.clock).resumeOrStart(runPolicy, AccountSources.describe(runPolicy.source()), extraColumns,
					sandbox != null);
			MDC.put("runId", run.runId());
			AccountAuditor auditor = new AccountAuditor(client, runPolicy, retries, this.clock);
			ReportDirectory reports = new ReportDirectory(options.reportsDir());
			OptionalLong total = census.map((counted) -> OptionalLong.of(counted.position())).orElse(OptionalLong.empty());
			AuditRun auditRun = new AuditRun(run.runId(), runPolicy.name(), () -> sources.open(runPolicy), auditor,
					runPolicy.concurrency(), this.properties.progressInterval(), () -> publish(reports, run.runId()),
					() -> new ApiStats(calls.snapshot(), counters.retries(), budgets.totalWait().toNanos()),
					new ProgressInputs(total, counters::retries, budgets::waits));
			RunOutcome outcome = this.job.run(auditRun);
			return finish(outcome, run, runPolicy);
		}
	}

	/**
	 * Asks for a token as the policy's retries allow: one lost answer or 503 must not fail a nightly run, while an
	 * environment that stays unreachable still fails within a few backoffs.
	 */
	private static Optional<ApiFailure> verifyCredentials(ScalekitClient client, Retries retries) {
		CallResult<Boolean> verified = retries.call(() -> client.verifyCredentials()
			.<CallResult<Boolean>>map(CallResult::failure)
			.orElseGet(() -> CallResult.success(true)));
		return (verified instanceof CallResult.Failure<Boolean> failed) ? Optional.of(failed.failure())
				: Optional.empty();
	}

	/**
	 * One cheap streaming pass over a CSV file before any API call: a total for progress and its ETA, and the refusal
	 * (exit 2) of an input that is mostly rejects. Not done for Scalekit and JDBC sources: reading those twice costs
	 * API calls or database load, and their rows are structured already.
	 */
	private Optional<InputCensus> csvCensus(AccountSources sources, AuditPolicy policy) {
		if (policy.source().type() != SourceType.CSV) {
			return Optional.empty();
		}
		InputCensus census = InputCensus.take(sources.open(policy));
		census.requireRejectedShareAtMost(this.properties.maxRejectShare(), policy.source().path().toString());
		return Optional.of(census);
	}

	private Path publish(ReportDirectory reports, String runId) {
		RunRecord run = this.store.findRun(runId).orElseThrow();
		Instant endedAt = this.clock.instant();
		RunReports writer = new RunReports(this.store);
		Path directory = reports.publish(runId, (staging) -> writer.write(run, endedAt, staging));
		this.store.finishRun(runId, RunState.COMPLETED, endedAt);
		return directory;
	}

	private ExitCode finish(RunOutcome outcome, RunRecord run, AuditPolicy policy) {
		if (outcome.state() != RunOutcome.State.COMPLETED) {
			return fail(ExitCode.FAILED, "run " + run.runId() + " did not complete: "
					+ outcome.failure().orElse(outcome.state().name()) + ". Start again with the same arguments to "
					+ "resume it.");
		}
		Map<Finding, Long> health = this.store.healthCounts(run.runId());
		long accounts = health.values().stream().mapToLong(Long::longValue).sum();
		Path directory = outcome.reports().orElseThrow();
		System.out.println("Audited " + accounts + " accounts (" + this.store.countRejects(run.runId())
				+ " input rows rejected) in run " + run.runId() + (run.sandbox() ? " against the SANDBOX" : ""));
		System.out.println("Health: " + health);
		System.out.println("Reports: " + directory.toAbsolutePath().normalize());
		if (policy.failOn().isPresent()) {
			Finding threshold = policy.failOn().get();
			long failing = health.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().atLeastAsSevereAs(threshold))
				.mapToLong(Map.Entry::getValue)
				.sum();
			if (failing > 0) {
				System.out.println(failing + " accounts at or above fail-on " + threshold);
				return ExitCode.FINDINGS;
			}
		}
		return ExitCode.COMPLETED;
	}

	private DemoSandbox demoSandbox() {
		return new DemoSandbox(Path.of(this.environment.getRequiredProperty("audit.data-path")));
	}

	private ScalekitCredentials credentialsFromEnvironment() {
		Map<String, String> variables = new java.util.HashMap<>();
		for (String name : java.util.List.of(ScalekitCredentials.ENVIRONMENT_URL, ScalekitCredentials.CLIENT_ID,
				ScalekitCredentials.CLIENT_SECRET)) {
			String value = this.environment.getProperty(name);
			if (value != null) {
				variables.put(name, value);
			}
		}
		try {
			return ScalekitCredentials.from(variables);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(ex.getMessage() + " (set the SCALEKIT_* environment variables, or "
					+ "use --sandbox for the demo)");
		}
	}

	private static ScalekitTimeouts timeouts(AuditPolicy policy) {
		return new ScalekitTimeouts(policy.scalekit().connectTimeout(), policy.scalekit().readTimeout(),
				policy.scalekit().toolTimeout());
	}

	private static RateBudgets budgets(AuditPolicy policy) {
		Map<String, Double> probeRates = new java.util.LinkedHashMap<>();
		policy.connections().forEach((name, connection) -> probeRates.put(name, connection.rateLimit()));
		return RateBudgets.of(policy.scalekit().requestsPerMinute(), probeRates, System::nanoTime, Sleeper.SYSTEM);
	}

	private static Backoff backoff(AuditPolicy policy) {
		return new Backoff(policy.retry().maxAttempts(), policy.retry().initialBackoff(), policy.retry().maxBackoff(),
				() -> ThreadLocalRandom.current().nextDouble());
	}

	private static ExitCode fail(ExitCode code, String message) {
		logger.error(message);
		return code;
	}

}
