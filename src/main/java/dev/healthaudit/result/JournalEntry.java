package dev.healthaudit.result;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.healthaudit.account.AccountRef;
import dev.healthaudit.finding.Finding;
import dev.healthaudit.probe.AuditResult;
import dev.healthaudit.probe.Evidence;
import dev.healthaudit.probe.ProbeReport.ProbeStatus;
import dev.healthaudit.probe.ProviderRule;
import dev.healthaudit.probe.ProviderRules;
import dev.healthaudit.probe.Verdict;
import dev.healthaudit.scalekit.AuthorizationLink;

/**
 * An audit result as the journal keeps it: plain values that JSON carries and that
 * rebuild the same {@link AuditResult}. The provider rule is kept by its id; the link is
 * a secret, stored like the results table stores it.
 */
record JournalEntry(String accountId, String status, List<String> findings, int httpStatus, String errorCode,
		String evidenceDetail, String ruleId, List<String> missingScopes, List<String> grantedScopes, String probeTool,
		String probeOutcome, Instant checkedAt, String link, Instant linkExpiry, String linkProblem,
		Map<String, String> extras, Instant lastUsedAt) {

	static JournalEntry of(AuditResult result) {
		Evidence evidence = result.verdict().evidence();
		return new JournalEntry(result.accountId(), result.status(),
				result.verdict().findings().stream().map(Finding::name).toList(), evidence.httpStatus(),
				evidence.errorCode(), evidence.detail(), result.verdict().rule().map(ProviderRule::id).orElse(""),
				result.missingScopes(), result.grantedScopes(), result.probeTool(), result.probeOutcome().name(),
				result.checkedAt(), result.authorizationLink().map(AuthorizationLink::link).orElse(null),
				result.authorizationLink().map(AuthorizationLink::expiry).orElse(null), result.linkProblem(),
				result.account().extras(), result.lastUsedAt().orElse(null));
	}

	AuditResult toResult(String connectionName, String identifier, long line) {
		Optional<ProviderRule> rule = ProviderRules.RULES.stream()
			.filter((known) -> known.id().equals(this.ruleId))
			.findFirst();
		Verdict verdict = new Verdict(this.findings.stream().map(Finding::valueOf).toList(),
				new Evidence(this.httpStatus, this.errorCode, this.evidenceDetail), rule);
		Optional<AuthorizationLink> link = Optional.ofNullable(this.link)
			.map((value) -> new AuthorizationLink(value, this.linkExpiry));
		return new AuditResult(new AccountRef(connectionName, identifier, line, this.extras), this.accountId,
				this.status, verdict, this.missingScopes, this.grantedScopes, this.probeTool,
				ProbeStatus.valueOf(this.probeOutcome), this.checkedAt, link, this.linkProblem,
				Optional.ofNullable(this.lastUsedAt));
	}

}
