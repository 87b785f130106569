package dev.healthaudit.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.healthaudit.account.AccountSource;
import dev.healthaudit.account.AccountSources;
import dev.healthaudit.account.InputCensus;
import dev.healthaudit.account.InvalidInputException;
import dev.healthaudit.account.Shard;
import dev.healthaudit.account.SourceUnavailableException;
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
import dev.healthaudit.ratelimit.InlineWaits;
import dev.healthaudit.ratelimit.RateBudgets;
import dev.healthaudit.ratelimit.SharedBuckets;
import dev.healthaudit.ratelimit.TokenBuckets;
import dev.healthaudit.ratelimit.Sleeper;
import dev.healthaudit.report.AccessReviewPolicy;
import dev.healthaudit.report.ReportDirectory;
import dev.healthaudit.report.RunReports;
import dev.healthaudit.report.UnusableReportDirectoryException;
import dev.healthaudit.result.ApiStats;
import dev.healthaudit.result.EnvironmentIncident;
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
public class AuditCommand implements ApplicationRunner, ExitCodeGenerator, ApplicationListener<ContextClosedEvent> {

	private static final Logger logger = LoggerFactory.getLogger(AuditCommand.class);

	private final AuditJob job;

	private final ResultStore store;

	private final Environment environment;

	private final Clock clock;

	private final AuditProperties properties;

	private final DataSource dataSource;

	private final RunTelemetry telemetry;

	private final SandboxNightProperties nights;

	/** The access review of the run's policy, for its reports. */
	private AccessReviewPolicy accessReview = AccessReviewPolicy.unknown();

	private ExitCode exitCode = ExitCode.COMPLETED;

	/** Set when the application starts to close (SIGTERM): from then on no report is published. */
	private volatile boolean shuttingDown;

	/** The directory this process published, once it has. */
	private final AtomicReference<Path> published = new AtomicReference<>();

	public AuditCommand(AuditJob job, ResultStore store, Environment environment, Clock clock,
			AuditProperties properties, DataSource dataSource, RunTelemetry telemetry, SandboxNightProperties nights) {
		this.nights = nights;
		this.properties = properties;
		this.telemetry = telemetry;
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
		boolean unexpected = false;
		try {
			this.telemetry.begin();
			this.exitCode = audit(CommandOptions.from(arguments));
		}
		catch (InvalidPolicyException | InvalidInputException | IllegalArgumentException ex) {
			this.exitCode = fail(ExitCode.INVALID, ex.getMessage());
		}
		catch (UnusableReportDirectoryException ex) {
			this.exitCode = fail(ExitCode.INVALID, ex.getMessage());
		}
		catch (ScalekitAuthenticationException ex) {
			this.exitCode = fail(ExitCode.INVALID, ex.getMessage());
		}
		catch (SourceUnavailableException ex) {
			// the source's database is down or unreachable: the run failed and a later start may succeed
			this.exitCode = fail(ExitCode.FAILED, ex.getMessage());
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
		Path policyFile = options.policy()
			.orElseThrow(() -> new IllegalArgumentException(
					"no policy: give --policy=<file.yml>, or --sandbox to run the demo against the built-in sandbox"));
		if (this.nights.night() > 0 && !options.sandbox()) {
			throw new IllegalArgumentException("audit.sandbox.night needs --sandbox: it sets the sandbox's calendar");
		}
		if (options.sandbox() && policyFile.equals(CommandOptions.SANDBOX_POLICY) && !Files.exists(policyFile)) {
			policyFile = demoSandbox().packagedPolicy();
		}
		AuditPolicy policy = PolicyLoader.load(policyFile, System.getenv());
		this.telemetry.policy(policy.name(), options.sandbox());
		// found now, not after hours of auditing
		new ReportDirectory(options.reportsDir()).requireWritable();
		String leaseKey = "policy:" + policy.name() + (options.shard().isWhole() ? "" : ":shard:" + options.shard());
		RunLease.Acquisition acquisition = RunLease.acquire(this.dataSource, this.clock, leaseKey,
				RunLease.ownerOfThisProcess(), this.properties.leaseTtl());
		if (acquisition.lease().isEmpty()) {
			RunLease.Holder holder = acquisition.heldBy().orElseThrow();
			return fail(ExitCode.ALREADY_RUNNING, "a run of policy '" + policy.name() + "'"
					+ (options.shard().isWhole() ? "" : " shard " + options.shard()) + " is already in progress ("
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
			this.accessReview = AccessReviewPolicy.of(runPolicy);
			Shard shard = options.shard();
			RunSelector selector = new RunSelector(this.store, this.clock);
			Optional<String> runKey = shard.isWhole() ? Optional.empty()
					: Optional.of(selector.runKey(options.runKey()));
			ScalekitCredentials credentials = (sandbox != null) ? DemoSandbox.credentials(sandbox)
					: credentialsFromEnvironment();
			CallCounter calls = new CallCounter();
			Optional<SharedBuckets> sharedBuckets = runKey
				.flatMap((key) -> sharedBuckets(RunSelector.sharedRunId(runPolicy, key), shard));
			RateBudgets budgets = budgets(runPolicy, shard, sharedBuckets);
			ScalekitClient client = new ScalekitClient(credentials, timeouts(runPolicy),
					CallListener.compose(budgets, calls, this.telemetry.metrics()), this.clock);
			AuditCounters counters = new AuditCounters();
			this.telemetry.bind(counters, budgets);
			Retries retries = new Retries(backoff(runPolicy), Sleeper.SYSTEM, (failed) -> counters.retried());
			// attempts wait in place for their next try when that hides behind other work (job package)
			InlineWaits inlineWaits = new InlineWaits(Math.max(1, runPolicy.concurrency() / 2));
			Retries attempts = retries.waitingInline(inlineWaits);
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
			String described = AccountSources.describe(runPolicy.source());
			RunRecord run = runKey.isEmpty()
					? selector.resumeOrStart(runPolicy, described, extraColumns, sandbox != null)
					: selector.join(runPolicy, runKey.get(), described, extraColumns, sandbox != null);
			if (run.state() == RunState.COMPLETED) {
				logger.info("run {} is already complete; nothing to do for shard {}", run.runId(), shard);
				return ExitCode.COMPLETED;
			}
			MDC.put("runId", run.runId());
			this.telemetry.run(run);
			AccountAuditor auditor = new AccountAuditor(client, runPolicy, attempts, this.clock);
			AccountAuditor deferredAuditor = new AccountAuditor(client.withListener(CallListener
				.compose(budgets.forRepeatedAttempts(), calls, this.telemetry.metrics())), runPolicy, attempts,
					this.clock);
			ReportDirectory reports = new ReportDirectory(options.reportsDir());
			OptionalLong total = census.filter((counted) -> shard.isWhole())
				.map((counted) -> OptionalLong.of(counted.position()))
				.orElse(OptionalLong.empty());
			AuditRun auditRun = new AuditRun(run.runId(), runPolicy.name(), shard.toString(),
					() -> sources.open(runPolicy, shard), auditor, deferredAuditor, inlineWaits, runPolicy.concurrency(),
					this.properties.chunkSize(),
					this.properties.progressInterval(), () -> publish(reports, run.runId(), shard),
					() -> new ApiStats(calls.snapshot(), counters.retries(), budgets.totalWait().toNanos()),
					new ProgressInputs(total, counters::retries, budgets::waits), this.telemetry.metrics()::audited);
			RunOutcome outcome = this.job.run(auditRun);
			if (outcome.reports().isPresent()) {
				sharedBuckets.ifPresent((buckets) -> forget(buckets, run.runId()));
			}
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

	/**
	 * Writes the run's reports, unless this is one shard of several and others are still auditing: then the last
	 * shard to finish writes them (the run row is locked so that exactly one does).
	 *
	 * <p>
	 * Published reports mean a completed run, so a shutdown (SIGTERM) that arrives while they are written withholds
	 * them: nothing is published, the run stays unfinished and the next start resumes it and only writes them (its
	 * accounts are all stored). The last check is made when the files are complete in staging, just before they are
	 * moved into place.
	 * @return the report directory, or empty when another shard writes it
	 */
	private Optional<Path> publish(ReportDirectory reports, String runId, Shard shard) {
		requireNoShutdown(runId);
		if (!shard.isWhole()) {
			this.store.markShardDone(runId, shard.index(), shard.count(), this.clock.instant());
			int done = this.store.countShardsDone(runId);
			if (done < shard.count() || this.store.lockRun(runId) == RunState.COMPLETED) {
				logger.info("shard {} done ({} of {} shards); the last shard to finish writes the report", shard,
						done, shard.count());
				return Optional.empty();
			}
		}
		RunRecord run = this.store.findRun(runId).orElseThrow();
		Instant endedAt = this.clock.instant();
		RunReports writer = new RunReports(this.store).withMetrics(this.telemetry::meterValues)
			.withAccessReview(this.accessReview);
		Path directory = reports.publish(runId, (staging) -> {
			writer.write(run, endedAt, staging);
			requireNoShutdown(runId);
		});
		this.store.finishRun(runId, RunState.COMPLETED, endedAt);
		this.published.set(directory);
		return Optional.of(directory);
	}

	private void requireNoShutdown(String runId) {
		if (this.shuttingDown) {
			throw new ReportsWithheldException(runId);
		}
	}

	/** The application is closing (SIGTERM): reports not published by now are withheld. */
	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		this.shuttingDown = true;
	}

	private ExitCode finish(RunOutcome outcome, RunRecord run, AuditPolicy policy) {
		Optional<Path> published = Optional.ofNullable(this.published.get());
		if (outcome.state() == RunOutcome.State.STOPPED && published.isPresent()) {
			// the stop came after the last check, while the complete reports were moved into place: the report step
			// committed (Batch stops a step only after its transaction), so the run is complete and published; say
			// so (without the database, which is closing), although a JVM stopped by a signal exits 143 anyway
			logger.warn("a stop was requested while the reports of run {} were being published; they are complete "
					+ "and the run completed", run.runId());
			this.telemetry.reportsAt(published.get());
			say("Reports: " + published.get().toAbsolutePath().normalize());
			return ExitCode.COMPLETED;
		}
		if (outcome.state() != RunOutcome.State.COMPLETED && this.shuttingDown) {
			// no database access here: the pool closes as soon as the job has returned
			return fail(ExitCode.FAILED, "run " + run.runId() + " was stopped before its reports were published. "
					+ "Start again with the same arguments to resume it (every account audited so far is stored; "
					+ "what is left is audited, then the reports are written).");
		}
		if (outcome.state() != RunOutcome.State.COMPLETED) {
			return fail(ExitCode.FAILED, "run " + run.runId() + " did not complete: "
					+ outcome.failure().orElse(outcome.state().name()) + ". Start again with the same arguments to "
					+ "resume it.");
		}
		if (outcome.reports().isEmpty()) {
			System.out.println("Shard done; the last shard of run " + run.runId() + " writes the report");
			return ExitCode.COMPLETED;
		}
		Map<Finding, Long> health = this.store.aggregates().health(run.runId());
		long accounts = health.values().stream().mapToLong(Long::longValue).sum();
		Path directory = outcome.reports().orElseThrow();
		this.telemetry.reportsAt(directory);
		say("Audited " + accounts + " accounts (" + this.store.countRejects(run.runId())
				+ " input rows rejected) in run " + run.runId() + (run.sandbox() ? " against the SANDBOX" : ""));
		say("Health: " + health);
		say("Reports: " + directory.toAbsolutePath().normalize());
		Optional<EnvironmentIncident> incident = this.store.aggregates().environmentIncident(run.runId());
		if (incident.isPresent()) {
			// the reports are complete, but they describe the environment rather than the accounts
			logger.error("run {}: {} {}", run.runId(), incident.get().message(), incident.get().action());
			return ExitCode.ENVIRONMENT_INCIDENT;
		}
		if (policy.failOn().isPresent()) {
			Finding threshold = policy.failOn().get();
			long failing = health.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().atLeastAsSevereAs(threshold))
				.mapToLong(Map.Entry::getValue)
				.sum();
			if (failing > 0) {
				say(failing + " accounts at or above fail-on " + threshold);
				return ExitCode.FINDINGS;
			}
		}
		return ExitCode.COMPLETED;
	}

	private DemoSandbox demoSandbox() {
		return new DemoSandbox(Path.of(this.environment.getRequiredProperty("audit.data-path")),
				this.nights.sandboxNight(), this.clock);
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

	/**
	 * The policy's budgets: this process's own for a whole run; for a shard, the run's buckets in the database, which
	 * all its shards spend together; or, when they cannot be shared, this shard's equal share of them (n shards each
	 * spending a smooth 1/n of every budget can never exceed it together).
	 */
	private static RateBudgets budgets(AuditPolicy policy, Shard shard, Optional<SharedBuckets> shared) {
		int share = (shared.isPresent()) ? 1 : shard.count();
		Map<String, Double> probeRates = new java.util.LinkedHashMap<>();
		policy.connections().forEach((name, connection) -> probeRates.put(name, connection.rateLimit() / share));
		int requestsPerMinute = Math.max(1, policy.scalekit().requestsPerMinute() / share);
		// a Retry-After longer than the policy's maximum backoff makes its account final: it never pauses a budget longer
		TokenBuckets buckets = shared.<TokenBuckets>map((sharedBuckets) -> sharedBuckets)
			.orElseGet(() -> TokenBuckets.local(System::nanoTime));
		return RateBudgets.of(requestsPerMinute, probeRates, System::nanoTime, Sleeper.SYSTEM, buckets,
				policy.retry().maxBackoff());
	}

	/**
	 * The token buckets that all shards of sharded run {@code runId} spend together, kept in the run's PostgreSQL
	 * database. Empty on any other database (an H2 file belongs to one process, so its shards share nothing anyway):
	 * the shard then spends its 1/n share of every budget, which keeps the shards within the budgets too, only less
	 * fully.
	 */
	private Optional<SharedBuckets> sharedBuckets(String runId, Shard shard) {
		String database = databaseProduct();
		if (!"PostgreSQL".equals(database)) {
			logger.warn("shard {} runs on {}, not PostgreSQL: the shards cannot share rate budgets, so this one spends "
					+ "1/{} of each", shard, database, shard.count());
			return Optional.empty();
		}
		logger.info("shard {} spends the rate budgets of run {} together with the other shards (buckets in "
				+ "PostgreSQL)", shard, runId);
		return Optional.of(SharedBuckets.postgres(this.dataSource, runId, this.clock));
	}

	private String databaseProduct() {
		try (Connection connection = this.dataSource.getConnection()) {
			return connection.getMetaData().getDatabaseProductName();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot reach the database: " + ex.getMessage(), ex);
		}
	}

	/** Deletes a completed run's shared buckets; a failure to do so leaves a few small rows and changes nothing else. */
	private static void forget(SharedBuckets buckets, String runId) {
		try {
			buckets.removeAll();
		}
		catch (RuntimeException ex) {
			logger.warn("could not delete the rate budget buckets of run {}: {}", runId, ex.toString());
		}
	}

	private static Backoff backoff(AuditPolicy policy) {
		return new Backoff(policy.retry().maxAttempts(), policy.retry().initialBackoff(), policy.retry().maxBackoff(),
				() -> ThreadLocalRandom.current().nextDouble());
	}

	/**
	 * The closing lines for a person at a terminal; with structured (JSON) console logs they are log events, so
	 * that every line of the output parses.
	 */
	private void say(String line) {
		if (this.environment.containsProperty("logging.structured.format.console")) {
			logger.info(line);
		}
		else {
			System.out.println(line);
		}
	}

	private ExitCode fail(ExitCode code, String message) {
		logger.error(message);
		this.telemetry.failure(message);
		return code;
	}

}
