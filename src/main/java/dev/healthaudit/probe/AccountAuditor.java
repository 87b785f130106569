package dev.healthaudit.probe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.healthaudit.account.AccountRef;
import dev.healthaudit.policy.AuditPolicy;
import dev.healthaudit.policy.ConnectionPolicy;
import dev.healthaudit.probe.ProbeReport.ProbeStatus;
import dev.healthaudit.ratelimit.AttemptTally;
import dev.healthaudit.ratelimit.Retries;
import dev.healthaudit.scalekit.ApiError;
import dev.healthaudit.scalekit.ApiFailure;
import dev.healthaudit.scalekit.AuthorizationLink;
import dev.healthaudit.scalekit.CallResult;
import dev.healthaudit.scalekit.ConnectedAccount;
import dev.healthaudit.scalekit.ScalekitClient;
import dev.healthaudit.scalekit.ToolExecution;

/**
 * Performs Scalekit's troubleshooting procedure for one account (product §4.2): read the
 * account, compare scopes, probe it when ACTIVE, run the refresh procedure where the
 * guide asks for it, create an authorization link when the user must act. Thread-safe:
 * many accounts are audited at once.
 */
public final class AccountAuditor {

	private final ScalekitClient client;

	private final AuditPolicy policy;

	private final Retries retries;

	private final Clock clock;

	/**
	 * @param retries how transient failures are retried (and counted)
	 */
	public AccountAuditor(ScalekitClient client, AuditPolicy policy, Retries retries, Clock clock) {
		this.client = client;
		this.policy = policy;
		this.retries = retries;
		this.clock = clock;
	}

	/**
	 * One attempt at the procedure, without waiting for any retry. When a call fails
	 * transiently and the policy would retry it, the remaining calls are not sent and the
	 * account is deferred (see the job package for why); otherwise the result is final.
	 * The policy's {@code max-attempts} counts attempts at the account: the last one's
	 * transient failures are final. Scalekit's refusals of the environment's rate are
	 * tallied apart (see the ratelimit package).
	 * @param attemptsBefore attempts already made at this account in the run
	 */
	public AuditAttempt attempt(AccountRef ref, AttemptTally attemptsBefore) {
		Retries attempt = this.retries.deferring(attemptsBefore);
		Instant started = this.clock.instant();
		AuditResult audited = new AccountAuditor(this.client, this.policy, attempt, this.clock).audit(ref);
		attempt.finished(Duration.between(started, this.clock.instant()));
		// an earlier attempt may have run the probe before it was deferred, so
		// last_used_at may be our own doing
		AuditResult result = (attemptsBefore.total() > 0) ? audited.withoutLastUse() : audited;
		return attempt.deferral()
			.<AuditAttempt>map((deferral) -> new DeferredAudit(ref, attempt.attemptsMade(),
					this.clock.instant().plus(deferral.delay()), deferral.failure().describe()))
			.orElse(result);
	}

	/** The whole procedure, each call retried (waiting inline) as the policy allows. */
	public AuditResult audit(AccountRef ref) {
		ConnectionPolicy connection = this.policy.connection(ref.connectionName())
			.orElseThrow(() -> new IllegalArgumentException("connection not in policy: " + ref.connectionName()));
		CallResult<ConnectedAccount> read = this.retries
			.call(() -> this.client.getAccount(ref.connectionName(), ref.identifier()));
		if (read instanceof CallResult.Failure<ConnectedAccount> failed) {
			Observation observation = (failed.failure() instanceof ApiFailure.NotFound)
					? Observation.notFound(evidence(failed.failure()))
					: Observation.unreadable(evidence(failed.failure()));
			return result(ref, Optional.empty(), "", observation);
		}
		ConnectedAccount account = ((CallResult.Success<ConnectedAccount>) read).value();
		AccountStatus status = AccountStatus.fromWire(account.status());
		Observation observation = Observation.read(status, missingScopes(connection, account));
		if (status == AccountStatus.ACTIVE) {
			observation = observation.probed(probe(ref, connection));
			if (observation.probe().status() == ProbeStatus.UNAUTHORIZED && observation.probe().rule().isEmpty()) {
				return refreshed(ref, connection, observation, account);
			}
		}
		else if (status == AccountStatus.EXPIRED && this.policy.remediation().refresh()) {
			return refreshed(ref, connection, observation, account);
		}
		return result(ref, Optional.of(account), connection.probe().tool(), observation);
	}

	/**
	 * The refresh procedure: run the probe (Scalekit refreshes on tool use), then read
	 * the account again.
	 */
	private AuditResult refreshed(AccountRef ref, ConnectionPolicy connection, Observation observation,
			ConnectedAccount before) {
		ProbeReport probe = probe(ref, connection);
		CallResult<ConnectedAccount> reread = this.retries
			.call(() -> this.client.getAccount(ref.connectionName(), ref.identifier()));
		if (reread instanceof CallResult.Failure<ConnectedAccount> failed) {
			Observation unread = observation.refreshedUnread(probe, evidence(failed.failure()));
			return result(ref, Optional.of(before), connection.probe().tool(), unread);
		}
		ConnectedAccount after = ((CallResult.Success<ConnectedAccount>) reread).value();
		Observation refreshed = observation.refreshed(probe, AccountStatus.fromWire(after.status()),
				missingScopes(connection, after));
		// last used as read before the probe: the read after it would show the probe
		// itself
		return result(ref, Optional.of(after), connection.probe().tool(), refreshed).withLastUse(before.lastUsedAt());
	}

	private ProbeReport probe(AccountRef ref, ConnectionPolicy connection) {
		CallResult<ToolExecution> run = this.retries.call(() -> this.client.executeTool(connection.probe().tool(),
				connection.probe().params(), ref.connectionName(), ref.identifier()));
		if (run.succeeded()) {
			return ProbeReport.success();
		}
		ApiFailure failure = ((CallResult.Failure<ToolExecution>) run).failure();
		Evidence evidence = evidence(failure);
		if (failure instanceof ApiFailure.ProviderError provider) {
			Optional<ProviderRule> rule = provider.error()
				.toolError()
				.flatMap((tool) -> ProviderRules.match(tool.message(), tool.code()))
				.or(() -> ProviderRules.match(provider.error().message(), ""));
			return new ProbeReport(providerStatus(provider), evidence, rule);
		}
		return new ProbeReport(failure.isTransient() ? ProbeStatus.INCONCLUSIVE : ProbeStatus.REJECTED, evidence,
				Optional.empty());
	}

	private static ProbeStatus providerStatus(ApiFailure.ProviderError provider) {
		if (provider.httpStatus() == 401) {
			return ProbeStatus.UNAUTHORIZED;
		}
		if (provider.httpStatus() == 403) {
			return ProbeStatus.FORBIDDEN;
		}
		return provider.isTransient() ? ProbeStatus.INCONCLUSIVE : ProbeStatus.REJECTED;
	}

	private AuditResult result(AccountRef ref, Optional<ConnectedAccount> account, String probeTool,
			Observation observation) {
		Verdict verdict = HealthClassifier.classify(observation);
		ProbeReport lastProbe = (observation.refreshProbe().status() != ProbeStatus.NOT_RUN)
				? observation.refreshProbe() : observation.probe();
		Optional<AuthorizationLink> link = Optional.empty();
		String linkProblem = "";
		if (verdict.health().fixedByAuthorizationLink() && this.policy.remediation().authorizationLinks()) {
			CallResult<AuthorizationLink> created = this.retries
				.call(() -> this.client.createAuthorizationLink(ref.connectionName(), ref.identifier()));
			if (created instanceof CallResult.Success<AuthorizationLink> success) {
				link = Optional.of(success.value());
			}
			else {
				linkProblem = "no authorization link: "
						+ ((CallResult.Failure<AuthorizationLink>) created).failure().describe();
			}
		}
		return new AuditResult(ref, account.map(ConnectedAccount::id).orElse(""),
				account.map(ConnectedAccount::status).orElse(""), verdict, observation.missingScopes(),
				account.map(ConnectedAccount::grantedScopes).orElse(List.of()),
				(lastProbe.status() == ProbeStatus.NOT_RUN) ? "" : probeTool, lastProbe.status(), this.clock.instant(),
				link, linkProblem, account.flatMap(ConnectedAccount::lastUsedAt));
	}

	private static List<String> missingScopes(ConnectionPolicy connection, ConnectedAccount account) {
		return ScopeComparison.missing(connection.requiredScopes(), account.grantedScopes());
	}

	static Evidence evidence(ApiFailure failure) {
		if (failure instanceof ApiFailure.CredentialsRefused) {
			// our own client was refused, not the account: one fixed code, so that a run
			// can count such accounts
			return new Evidence(failure.httpStatus(), ApiFailure.CredentialsRefused.CODE,
					ProviderMessages.sanitize(failure.describe()));
		}
		ApiError error = failure.error();
		String code = error.errorCode();
		String message = error.message();
		if (error.toolError().isPresent()) {
			ApiError.ToolError tool = error.toolError().get();
			if (!tool.code().isEmpty()) {
				code = code.isEmpty() ? tool.code() : code + "/" + tool.code();
			}
			if (!tool.message().isEmpty()) {
				message = tool.message();
			}
		}
		if (message.isEmpty()) {
			message = failure.describe();
		}
		return new Evidence(failure.httpStatus(), code, ProviderMessages.sanitize(message));
	}

}
