package dev.healthaudit.probe;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.healthaudit.finding.Finding;
import dev.healthaudit.probe.Observation.Lookup;
import dev.healthaudit.probe.Observation.Refresh;
import dev.healthaudit.probe.ProbeReport.ProbeStatus;

/**
 * Turns what the procedure observed into findings (product §4.3). Pure: no I/O, no clock.
 *
 * <p>
 * Rules that settle the edge cases: a recognised provider failure beats the generic
 * status class; a 403 on an account that lacks a required scope is explained by the gap
 * ({@code UNDER_SCOPED} only); {@code REFRESHED} stays as an informational finding beside
 * others; the findings are never empty and are sorted most severe first.
 */
public final class HealthClassifier {

	private HealthClassifier() {
	}

	public static Verdict classify(Observation observation) {
		if (observation.lookup() == Lookup.NOT_FOUND) {
			return new Verdict(List.of(Finding.NOT_FOUND), observation.lookupEvidence(), Optional.empty());
		}
		if (observation.lookup() == Lookup.FAILED) {
			return new Verdict(List.of(Finding.INCONCLUSIVE), observation.lookupEvidence(), Optional.empty());
		}
		if (observation.refresh() == Refresh.UNDECIDED) {
			return undecided(observation);
		}
		Set<Finding> findings = EnumSet.noneOf(Finding.class);
		ProbeReport telling = tellingProbe(observation);
		switch (observation.status()) {
			case DISCONNECTED -> findings.add(Finding.DISCONNECTED);
			case PENDING_AUTH -> findings.add(Finding.PENDING_AUTH);
			case PENDING_VERIFICATION -> findings.add(Finding.PENDING_VERIFICATION);
			case UNKNOWN -> findings.add(Finding.UNKNOWN_STATUS);
			case EXPIRED -> findings.add(expired(observation));
			case ACTIVE -> findings.add(active(observation));
		}
		telling.rule().ifPresent((rule) -> findings.add(rule.finding()));
		if (observation.status().holdsGrant() && !observation.missingScopes().isEmpty()) {
			findings.add(Finding.UNDER_SCOPED);
		}
		if (findings.size() > 1) {
			findings.remove(Finding.HEALTHY);
		}
		List<Finding> ordered = new ArrayList<>(findings);
		ordered.sort(Finding.BY_SEVERITY);
		return new Verdict(ordered, telling.evidence(), telling.rule());
	}

	/**
	 * A transient failure hid how the refresh procedure ended. The account may have
	 * recovered, so neither EXPIRED nor PROBE_UNAUTHORIZED is justified: INCONCLUSIVE,
	 * with what failed as evidence (and the scope gap, which was read before the
	 * failure).
	 */
	private static Verdict undecided(Observation observation) {
		Set<Finding> findings = EnumSet.of(Finding.INCONCLUSIVE);
		if (observation.status().holdsGrant() && !observation.missingScopes().isEmpty()) {
			findings.add(Finding.UNDER_SCOPED);
		}
		List<Finding> ordered = new ArrayList<>(findings);
		ordered.sort(Finding.BY_SEVERITY);
		ProbeReport refresh = observation.refreshProbe();
		Evidence evidence = refresh.decided() ? observation.lookupEvidence() : refresh.evidence();
		return new Verdict(ordered, evidence, Optional.empty());
	}

	private static Finding expired(Observation observation) {
		return (observation.refresh() == Refresh.RECOVERED) ? Finding.REFRESHED : Finding.EXPIRED;
	}

	private static Finding active(Observation observation) {
		ProbeReport probe = observation.probe();
		if (probe.rule().isPresent()) {
			return probe.rule().get().finding();
		}
		return switch (probe.status()) {
			case SUCCEEDED -> Finding.HEALTHY;
			case UNAUTHORIZED -> unauthorized(observation);
			case FORBIDDEN -> observation.missingScopes().isEmpty() ? Finding.PROBE_FORBIDDEN : Finding.UNDER_SCOPED;
			case INCONCLUSIVE, REJECTED, NOT_RUN -> Finding.INCONCLUSIVE;
		};
	}

	private static Finding unauthorized(Observation observation) {
		if (observation.refresh() == Refresh.RECOVERED) {
			return Finding.REFRESHED;
		}
		return (observation.statusAfterRefresh() == AccountStatus.EXPIRED) ? Finding.EXPIRED
				: Finding.PROBE_UNAUTHORIZED;
	}

	/**
	 * The probe whose failure explains the verdict: the refresh probe when it failed,
	 * else the first probe.
	 */
	private static ProbeReport tellingProbe(Observation observation) {
		ProbeReport refresh = observation.refreshProbe();
		if (refresh.status() != ProbeStatus.NOT_RUN && !refresh.succeeded()) {
			return refresh;
		}
		if (observation.probe().status() == ProbeStatus.NOT_RUN && refresh.succeeded()) {
			return refresh;
		}
		return observation.probe();
	}

}
