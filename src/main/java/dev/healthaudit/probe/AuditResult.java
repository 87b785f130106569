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
 * @param authorizationLink a re-authorization link, when the user must act and links are enabled (a secret)
 */
public record AuditResult(AccountRef account, String accountId, String status, Verdict verdict,
		List<String> missingScopes, List<String> grantedScopes, String probeTool, ProbeStatus probeOutcome,
		Instant checkedAt, Optional<AuthorizationLink> authorizationLink, String linkProblem) implements AuditAttempt {

	public AuditResult {
		missingScopes = List.copyOf(missingScopes);
		grantedScopes = List.copyOf(grantedScopes);
	}

	public Finding health() {
		return this.verdict.health();
	}

	/** The connection-wide cause (a provider rule id) when the failure lies with the connection, else empty. */
	public String incident() {
		return this.verdict.rule().filter(ProviderRule::connectionWide).map(ProviderRule::id).orElse("");
	}

	/** Evidence detail, plus why no authorization link could be made when that happened. */
	public String detail() {
		String detail = this.verdict.evidence().detail();
		if (this.linkProblem.isEmpty()) {
			return detail;
		}
		return detail.isEmpty() ? this.linkProblem : detail + "; " + this.linkProblem;
	}

}
