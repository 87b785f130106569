package dev.healthaudit.probe;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.healthaudit.account.AccountRef;
import dev.healthaudit.finding.Finding;
import dev.healthaudit.probe.ProbeReport.ProbeStatus;
import dev.healthaudit.scalekit.AuthorizationLink;

/**
 * The audit of one account: one row of {@code accounts.csv}.
 *
 * @param accountId Scalekit's {@code ca_...} id, empty when the account was not found
 * @param status the status as Scalekit reported it (raw), empty when not read
 * @param probeTool the probe tool that ran, empty when none ran
 * @param authorizationLink a re-authorization link, when the user must act and links are
 * enabled (a secret)
 * @param lastUsedAt Scalekit's {@code last_used_at} as read before this audit's own probe
 * of the account; empty when not read, or when an earlier attempt of the run may have
 * probed the account already
 */
public record AuditResult(AccountRef account, String accountId, String status, Verdict verdict,
		List<String> missingScopes, List<String> grantedScopes, String probeTool, ProbeStatus probeOutcome,
		Instant checkedAt, Optional<AuthorizationLink> authorizationLink, String linkProblem,
		Optional<Instant> lastUsedAt) implements AuditAttempt {

	public AuditResult {
		missingScopes = List.copyOf(missingScopes);
		grantedScopes = List.copyOf(grantedScopes);
		lastUsedAt = (lastUsedAt != null) ? lastUsedAt : Optional.empty();
	}

	/** A result without a {@code last_used_at} reading. */
	public AuditResult(AccountRef account, String accountId, String status, Verdict verdict, List<String> missingScopes,
			List<String> grantedScopes, String probeTool, ProbeStatus probeOutcome, Instant checkedAt,
			Optional<AuthorizationLink> authorizationLink, String linkProblem) {
		this(account, accountId, status, verdict, missingScopes, grantedScopes, probeTool, probeOutcome, checkedAt,
				authorizationLink, linkProblem, Optional.empty());
	}

	/** This result with another {@code last_used_at} reading. */
	public AuditResult withLastUse(Optional<Instant> lastUsedAt) {
		return new AuditResult(this.account, this.accountId, this.status, this.verdict, this.missingScopes,
				this.grantedScopes, this.probeTool, this.probeOutcome, this.checkedAt, this.authorizationLink,
				this.linkProblem, lastUsedAt);
	}

	/** This result without its {@code last_used_at} reading. */
	public AuditResult withoutLastUse() {
		return withLastUse(Optional.empty());
	}

	public Finding health() {
		return this.verdict.health();
	}

	/**
	 * The connection-wide cause (a provider rule id) when the failure lies with the
	 * connection, else empty.
	 */
	public String incident() {
		return this.verdict.rule().filter(ProviderRule::connectionWide).map(ProviderRule::id).orElse("");
	}

	/**
	 * Evidence detail, plus why no authorization link could be made when that happened.
	 */
	public String detail() {
		String detail = this.verdict.evidence().detail();
		if (this.linkProblem.isEmpty()) {
			return detail;
		}
		return detail.isEmpty() ? this.linkProblem : detail + "; " + this.linkProblem;
	}

}
