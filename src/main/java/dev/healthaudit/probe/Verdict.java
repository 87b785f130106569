package dev.healthaudit.probe;

import java.util.List;
import java.util.Optional;

import dev.healthaudit.finding.Finding;

/**
 * The classifier's answer for one account.
 *
 * @param findings never empty, most severe first
 * @param evidence what the most telling failure looked like
 * @param rule the provider-specific failure recognised, if any
 */
public record Verdict(List<Finding> findings, Evidence evidence, Optional<ProviderRule> rule) {

	public Verdict {
		if (findings.isEmpty()) {
			throw new IllegalArgumentException("a verdict has at least one finding");
		}
		findings = List.copyOf(findings);
	}

	/** The most severe finding. */
	public Finding health() {
		return this.findings.get(0);
	}

	/** What to do about it, in plain words. */
	public String recommendedAction() {
		return RecommendedActions.forVerdict(this);
	}

}
