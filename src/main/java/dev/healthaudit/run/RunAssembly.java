package dev.healthaudit.run;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import javax.sql.DataSource;

import dev.healthaudit.account.AccountSources;
import dev.healthaudit.account.Shard;
import dev.healthaudit.metrics.AuditMetrics;
import dev.healthaudit.policy.AuditPolicy;
import dev.healthaudit.report.AccessReviewPolicy;
import dev.healthaudit.report.ReportDirectory;
import dev.healthaudit.result.Stores;
import dev.healthaudit.scalekit.ScalekitCredentials;

/**
 * Builds a run's collaborators from its policy and this installation's settings; one
 * assembly per start.
 */
public final class RunAssembly {

	private final Stores stores;

	private final DataSource dataSource;

	private final Clock clock;

	private final RunSettings settings;

	private final AuditMetrics metrics;

	private final ShutdownSignal shutdown;

	public RunAssembly(Stores stores, DataSource dataSource, Clock clock, RunSettings settings, AuditMetrics metrics,
			ShutdownSignal shutdown) {
		this.stores = stores;
		this.dataSource = dataSource;
		this.clock = clock;
		this.settings = settings;
		this.metrics = metrics;
		this.shutdown = shutdown;
	}

	/**
	 * Which run this start belongs to: for one shard of several, the sharded run of the
	 * key given, or of today's UTC date when none is.
	 * @throws IllegalArgumentException when the key given is not a valid one
	 */
	public RunChoice choice(Shard shard, Optional<String> givenKey) {
		return new RunChoice(shard, shard.isWhole() ? Optional.empty() : Optional.of(selector().runKey(givenKey)));
	}

	/**
	 * The run's collaborators, and everything about them that can be checked before an
	 * API call: the source opens and, for a CSV file, is not mostly rejects.
	 * @param sandbox whether the run audits the built-in sandbox
	 * @param reportsDir where the run's reports are published
	 */
	public RunParts assemble(AuditPolicy policy, RunChoice choice, ScalekitCredentials credentials, boolean sandbox,
			Path reportsDir) {
		RunBudgets budgets = RunBudgets.of(policy, choice, this.dataSource, this.clock);
		ScalekitAccess access = new ScalekitAccess(policy, credentials, budgets.budgets(), this.metrics, this.clock);
		RunInput input = RunInput.check(policy, new AccountSources(access.client(), access.retries()),
				this.settings.maxRejectShare());
		ReportPublisher publisher = new ReportPublisher(this.stores, this.clock, new ReportDirectory(reportsDir),
				choice.shard(), AccessReviewPolicy.of(policy), this.metrics, this.shutdown);
		return new RunParts(this.stores, selector(), this.settings, choice, sandbox, input, budgets, access, publisher);
	}

	private RunSelector selector() {
		return new RunSelector(this.stores.runs(), this.clock);
	}

}
