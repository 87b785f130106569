package dev.healthaudit.run;

import java.nio.file.Path;
import java.util.Optional;

import dev.healthaudit.job.AuditRun;
import dev.healthaudit.job.RunOutcome;
import dev.healthaudit.policy.AuditPolicy;
import dev.healthaudit.result.Stores;
import dev.healthaudit.result.RunRecord;
import dev.healthaudit.scalekit.ApiFailure;

/**
 * One run's collaborators, assembled by {@link RunAssembly} before any account is
 * audited. In the order the command uses them: choose the run, describe it to the job
 * (which verifies the credentials right before its first step), and tidy up once the job
 * has returned.
 */
public final class RunParts {

	private final Stores stores;

	private final RunSelector selector;

	private final RunSettings settings;

	private final RunChoice choice;

	private final boolean sandbox;

	private final RunInput input;

	private final RunBudgets budgets;

	private final ScalekitAccess access;

	private final ReportPublisher publisher;

	private final CredentialsCheck credentials;

	RunParts(Stores stores, RunSelector selector, RunSettings settings, RunChoice choice, boolean sandbox,
			RunInput input, RunBudgets budgets, ScalekitAccess access, ReportPublisher publisher) {
		this.stores = stores;
		this.selector = selector;
		this.settings = settings;
		this.choice = choice;
		this.sandbox = sandbox;
		this.input = input;
		this.budgets = budgets;
		this.access = access;
		this.publisher = publisher;
		this.credentials = new CredentialsCheck(access);
	}

	/**
	 * After the job has returned: why it could not begin its audit, when the credentials
	 * check it made before its first step failed.
	 * @return the failure when the environment stayed out of reach
	 * @throws dev.healthaudit.scalekit.ScalekitAuthenticationException when the
	 * credentials were refused
	 */
	public Optional<ApiFailure> credentialsProblem() {
		return this.credentials.problem();
	}

	/**
	 * The run this start belongs to: the one resumed, joined or started
	 * ({@link RunSelector}); it may be complete already, when another shard finished it.
	 */
	public RunRecord chooseRun() {
		AuditPolicy policy = this.input.policy();
		return this.choice.runKey().isEmpty()
				? this.selector.resumeOrStart(policy, this.input.described(), this.input.extraColumns(), this.sandbox)
				: this.selector.join(policy, this.choice.runKey().get(), this.input.described(),
						this.input.extraColumns(), this.sandbox);
	}

	/**
	 * Everything the job needs to audit {@code run} to its end and publish its reports.
	 */
	public AuditRun auditRun(RunRecord run) {
		AuditPolicy policy = this.input.policy();
		return new AuditRun(run.runId(), policy.name(), this.choice.shard().toString(),
				() -> this.input.open(this.choice.shard()), this.access.auditor(), this.access.deferredAuditor(),
				this.access.inlineWaits(), policy.concurrency(), this.settings.chunkSize(),
				this.settings.progressInterval(), () -> this.publisher.publish(run.runId()), this.access::apiStats,
				this.access.progress(this.input.total(this.choice.shard())), this.access.metrics()::audited,
				this.credentials::verify);
	}

	/**
	 * Once the job has returned: a run whose reports this process published needs its
	 * shared budgets no more.
	 */
	public void ended(RunRecord run, RunOutcome outcome) {
		if (outcome.reports().isPresent()) {
			this.budgets.forgetShared(run.runId());
		}
	}

	/**
	 * The reports this process published, also when the job was stopped just after it
	 * did.
	 */
	public Optional<Path> published() {
		return this.publisher.published();
	}

	/** What the closing lines of the completed {@code run} say. */
	public RunFigures figures(RunRecord run) {
		return RunFigures.read(this.stores, run.runId());
	}

}
