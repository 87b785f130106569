package dev.healthaudit.probe;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.healthaudit.finding.Finding;
import dev.healthaudit.probe.ProbeReport.ProbeStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class HealthClassifierTests {

	private static final List<String> NO_GAP = List.of();

	private static final List<String> GAP = List.of("chat:write");

	static Stream<Arguments> table() {
		return Stream.of(arguments("healthy", active(NO_GAP, ok()), List.of(Finding.HEALTHY)),
				arguments("under-scoped, probe fine", active(GAP, ok()), List.of(Finding.UNDER_SCOPED)),
				arguments("403 explained by the gap", active(GAP, failed(ProbeStatus.FORBIDDEN, 403)),
						List.of(Finding.UNDER_SCOPED)),
				arguments("403 without gap", active(NO_GAP, failed(ProbeStatus.FORBIDDEN, 403)),
						List.of(Finding.PROBE_FORBIDDEN)),
				arguments("401 refresh failed",
						active(NO_GAP, failed(ProbeStatus.UNAUTHORIZED, 401))
							.refreshed(failed(ProbeStatus.UNAUTHORIZED, 401), AccountStatus.ACTIVE, NO_GAP),
						List.of(Finding.PROBE_UNAUTHORIZED)),
				arguments("401 refresh failed and Scalekit marked it expired",
						active(NO_GAP, failed(ProbeStatus.UNAUTHORIZED, 401))
							.refreshed(failed(ProbeStatus.UNAUTHORIZED, 401), AccountStatus.EXPIRED, NO_GAP),
						List.of(Finding.EXPIRED)),
				arguments("401 recovered by refresh",
						active(NO_GAP, failed(ProbeStatus.UNAUTHORIZED, 401)).refreshed(ok(), AccountStatus.ACTIVE,
								NO_GAP),
						List.of(Finding.REFRESHED)),
				arguments("recovered but under-scoped",
						active(GAP, failed(ProbeStatus.UNAUTHORIZED, 401)).refreshed(ok(), AccountStatus.ACTIVE, GAP),
						List.of(Finding.UNDER_SCOPED, Finding.REFRESHED)),
				arguments("inconclusive probe", active(NO_GAP, failed(ProbeStatus.INCONCLUSIVE, 503)),
						List.of(Finding.INCONCLUSIVE)),
				arguments("rejected probe", active(NO_GAP, failed(ProbeStatus.REJECTED, 404)),
						List.of(Finding.INCONCLUSIVE)),
				arguments("expired, refresh off", Observation.read(AccountStatus.EXPIRED, NO_GAP),
						List.of(Finding.EXPIRED)),
				arguments("expired and under-scoped", Observation.read(AccountStatus.EXPIRED, GAP),
						List.of(Finding.EXPIRED, Finding.UNDER_SCOPED)),
				arguments("expired, refreshed",
						Observation.read(AccountStatus.EXPIRED, NO_GAP).refreshed(ok(), AccountStatus.ACTIVE, NO_GAP),
						List.of(Finding.REFRESHED)),
				arguments("expired, refresh failed",
						Observation.read(AccountStatus.EXPIRED, NO_GAP)
							.refreshed(failed(ProbeStatus.UNAUTHORIZED, 401), AccountStatus.EXPIRED, NO_GAP),
						List.of(Finding.EXPIRED)),
				arguments("expired, refresh probe timed out: not EXPIRED, the refresh might have worked",
						Observation.read(AccountStatus.EXPIRED, NO_GAP)
							.refreshed(failed(ProbeStatus.INCONCLUSIVE, 0), AccountStatus.EXPIRED, NO_GAP),
						List.of(Finding.INCONCLUSIVE)),
				arguments("expired, refreshed, but the second read failed",
						Observation.read(AccountStatus.EXPIRED, NO_GAP)
							.refreshedUnread(ok(), new Evidence(503, "UNAVAILABLE", "HTTP 503")),
						List.of(Finding.INCONCLUSIVE)),
				arguments("expired, refresh rejected by the provider, second read failed",
						Observation.read(AccountStatus.EXPIRED, NO_GAP)
							.refreshedUnread(failed(ProbeStatus.UNAUTHORIZED, 401), new Evidence(0, "", "timed out")),
						List.of(Finding.EXPIRED)),
				arguments("401 whose refresh probe hit a 502: not PROBE_UNAUTHORIZED",
						active(GAP, failed(ProbeStatus.UNAUTHORIZED, 401))
							.refreshed(failed(ProbeStatus.INCONCLUSIVE, 502), AccountStatus.ACTIVE, GAP),
						List.of(Finding.UNDER_SCOPED, Finding.INCONCLUSIVE)),
				arguments("pending auth", Observation.read(AccountStatus.PENDING_AUTH, GAP),
						List.of(Finding.PENDING_AUTH)),
				arguments("pending verification", Observation.read(AccountStatus.PENDING_VERIFICATION, NO_GAP),
						List.of(Finding.PENDING_VERIFICATION)),
				arguments("disconnected", Observation.read(AccountStatus.DISCONNECTED, NO_GAP),
						List.of(Finding.DISCONNECTED)),
				arguments("unknown status", Observation.read(AccountStatus.UNKNOWN, NO_GAP),
						List.of(Finding.UNKNOWN_STATUS)),
				arguments("not found", Observation.notFound(new Evidence(404, "NOT_FOUND", "")),
						List.of(Finding.NOT_FOUND)),
				arguments("unreadable", Observation.unreadable(new Evidence(0, "", "timed out")),
						List.of(Finding.INCONCLUSIVE)),
				arguments("invalid_client beats 401", active(NO_GAP, rule(401, "invalid_client: bad secret")),
						List.of(Finding.CONNECTION_MISCONFIGURED)),
				arguments("AADSTS65001 beats 403", active(NO_GAP, rule(403, "AADSTS65001: no consent")),
						List.of(Finding.ADMIN_ACTION_REQUIRED)),
				arguments("Google block with a scope gap",
						active(GAP, rule(403, "Access blocked: admin_policy_enforced")),
						List.of(Finding.ADMIN_ACTION_REQUIRED, Finding.UNDER_SCOPED)),
				arguments("expired whose refresh hits invalid_client",
						Observation.read(AccountStatus.EXPIRED, NO_GAP)
							.refreshed(rule(401, "invalid_client"), AccountStatus.EXPIRED, NO_GAP),
						List.of(Finding.EXPIRED, Finding.CONNECTION_MISCONFIGURED)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("table")
	void classifiesObservation(String name, Observation observation, List<Finding> expected) {
		Verdict verdict = HealthClassifier.classify(observation);
		assertThat(verdict.findings()).containsExactlyElementsOf(expected);
		assertThat(verdict.health()).isEqualTo(expected.get(0));
		assertThat(verdict.recommendedAction()).isNotBlank();
	}

	@Test
	void evidenceOfAFailedProbeIsKept() {
		Verdict verdict = HealthClassifier.classify(active(NO_GAP, failed(ProbeStatus.FORBIDDEN, 403)));
		assertThat(verdict.evidence().httpStatus()).isEqualTo(403);
		assertThat(verdict.evidence().errorCode()).isEqualTo("TOOL_ERROR/FORBIDDEN");
	}

	@Test
	void undecidedRefreshKeepsTheSecondReadsFailureAsEvidence() {
		Verdict verdict = HealthClassifier.classify(Observation.read(AccountStatus.EXPIRED, NO_GAP)
			.refreshedUnread(ok(), new Evidence(503, "UNAVAILABLE", "HTTP 503 UNAVAILABLE")));
		assertThat(verdict.evidence().httpStatus()).isEqualTo(503);
		assertThat(verdict.evidence().detail()).isEqualTo("HTTP 503 UNAVAILABLE");
	}

	@Test
	void providerRuleBringsItsOwnAction() {
		Verdict verdict = HealthClassifier.classify(active(NO_GAP, rule(403, "AADSTS65001: no consent")));
		assertThat(verdict.recommendedAction()).contains("admin consent");
	}

	@Test
	void severityOrderIsTheProductOrder() {
		assertThat(Finding.values()).containsExactly(Finding.NOT_FOUND, Finding.DISCONNECTED, Finding.EXPIRED,
				Finding.PROBE_UNAUTHORIZED, Finding.PENDING_AUTH, Finding.PENDING_VERIFICATION,
				Finding.CONNECTION_MISCONFIGURED, Finding.ADMIN_ACTION_REQUIRED, Finding.UNDER_SCOPED,
				Finding.PROBE_FORBIDDEN, Finding.UNKNOWN_STATUS, Finding.INCONCLUSIVE, Finding.REFRESHED,
				Finding.HEALTHY);
		assertThat(Finding.EXPIRED.atLeastAsSevereAs(Finding.UNDER_SCOPED)).isTrue();
		assertThat(Finding.INCONCLUSIVE.atLeastAsSevereAs(Finding.UNDER_SCOPED)).isFalse();
		assertThat(Finding.UNDER_SCOPED.atLeastAsSevereAs(Finding.UNDER_SCOPED)).isTrue();
	}

	private static Observation active(List<String> missing, ProbeReport probe) {
		return Observation.read(AccountStatus.ACTIVE, missing).probed(probe);
	}

	private static ProbeReport ok() {
		return ProbeReport.success();
	}

	private static ProbeReport failed(ProbeStatus status, int http) {
		String code = switch (status) {
			case FORBIDDEN -> "TOOL_ERROR/FORBIDDEN";
			case UNAUTHORIZED -> "TOOL_ERROR/UNAUTHORIZED";
			default -> "TOOL_ERROR";
		};
		return new ProbeReport(status, new Evidence(http, code, "provider said no"), Optional.empty());
	}

	private static ProbeReport rule(int http, String message) {
		ProbeStatus status = (http == 401) ? ProbeStatus.UNAUTHORIZED : ProbeStatus.FORBIDDEN;
		return new ProbeReport(status, new Evidence(http, "TOOL_ERROR", message), ProviderRules.match(message, ""));
	}

}
