package dev.healthaudit.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

import dev.healthaudit.account.AccountRef;
import dev.healthaudit.account.RejectedInput;
import dev.healthaudit.finding.Finding;
import dev.healthaudit.probe.AuditResult;
import dev.healthaudit.probe.Evidence;
import dev.healthaudit.probe.ProbeReport.ProbeStatus;
import dev.healthaudit.probe.ProviderRule;
import dev.healthaudit.probe.ProviderRules;
import dev.healthaudit.probe.Verdict;
import dev.healthaudit.result.ApiStats;
import dev.healthaudit.result.RunRecord;
import dev.healthaudit.result.RunRecord.RunState;
import dev.healthaudit.result.Stores;
import dev.healthaudit.scalekit.AuthorizationLink;

/**
 * A fixed, small pair of runs of policy {@code nightly} in a fresh in-memory H2 with the
 * real migrations: the previous run (completed) and the current one, with every kind of
 * row the reports treat differently.
 */
final class ReportFixture {

	static final Instant PREVIOUS_START = Instant.parse("2026-03-01T02:00:00Z");

	static final Instant START = Instant.parse("2026-03-02T02:00:00Z");

	static final Instant END = Instant.parse("2026-03-02T02:07:31.250Z");

	static final List<String> EXTRAS = List.of("email", "org_id");

	static final String SCRIPT_IDENTIFIER = "<script>alert(1)</script>";

	static final String FORMULA_IDENTIFIER = "=HYPERLINK(\"http://evil.example\",\"x\")";

	static final String LINK_EXPIRED = "https://auth.example.test/magic/SECRET-LINK-EXPIRED-0001";

	static final String LINK_DISCONNECTED = "https://auth.example.test/magic/SECRET-LINK-DISCONNECTED-0002";

	static final String LINK_SCRIPT = "https://auth.example.test/magic/SECRET-LINK-SCRIPT-0003";

	static final String LINK_PREVIOUS = "https://auth.example.test/magic/SECRET-LINK-PREVIOUS-0004";

	static final String GMAIL_READ = "https://www.googleapis.com/auth/gmail.readonly";

	static final String GMAIL_ALL = "https://mail.google.com/";

	/**
	 * The policy's required scopes for the access review: every grant of {@code openid}
	 * alone is excess.
	 */
	static final AccessReviewPolicy ACCESS_REVIEW = new AccessReviewPolicy(
			Map.of("gmail", List.of(GMAIL_READ, "https://www.googleapis.com/auth/userinfo.email"), "slack",
					List.of("channels:read"), "github", List.of("read:user", "repo"), "outlook", List.of("Mail.Read")),
			Duration.ofDays(90));

	/** Granted scopes of some accounts; the others hold {@code openid}. */
	static final Map<String, List<String>> GRANTED = Map.of("bob@example.com",
			List.of(GMAIL_READ, GMAIL_ALL, "https://www.googleapis.com/auth/userinfo.email"), "U0001",
			List.of("channels:read", "users:read"), "octo-3", List.of("read:user", "repo"), "carol@example.com",
			List.of("Mail.ReadWrite"));

	final Stores stores;

	final RunRecord previous;

	final RunRecord current;

	ReportFixture() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:report-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		migrate(dataSource);
		this.stores = new Stores(dataSource);
		this.previous = new RunRecord("nightly-20260301T020000Z", "nightly", "d1gest0", "jobs/accounts.csv", true,
				EXTRAS, RunState.RUNNING, PREVIOUS_START, Optional.empty());
		this.current = new RunRecord("nightly-20260302T020000Z", "nightly", "d1gest1", "jobs/accounts.csv", true,
				EXTRAS, RunState.RUNNING, START, Optional.empty());
	}

	static void migrate(DataSource dataSource) {
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
	}

	/**
	 * Stores both runs; the previous one completed with its totals kept, as its own
	 * report step would.
	 */
	ReportFixture load() {
		this.stores.runs().createRun(this.previous);
		this.stores.results().save(this.previous.runId(), previousResults(), List.of());
		RunReports previousReports = new RunReports(this.stores, "test", RunReports.DEFAULT_TOP)
			.withAccessReview(ACCESS_REVIEW);
		previousReports.recordHistory(this.previous);
		previousReports.summarize(this.previous, PREVIOUS_START.plusSeconds(300));
		this.stores.runs().finishRun(this.previous.runId(), RunState.COMPLETED, PREVIOUS_START.plusSeconds(300));

		this.stores.runs().createRun(this.current);
		List<AuditResult> results = currentResults();
		// two chunks, as the job writes them, and API stats from two processes (a run
		// resumed once)
		this.stores.results()
			.save(this.current.runId(), results.subList(0, 6), List.of(new RejectedInput(3,
					"unknown_connection: notion", "notion,ann@example.com,ann@example.com,org-1")));
		this.stores.runs()
			.addApiStats(this.current.runId(), new ApiStats(
					Map.of("POST /oauth/token", 1L, "GET /api/v1/connected_accounts/auth", 7L), 2, 1_500_000_000L));
		this.stores.results().save(this.current.runId(), results.subList(6, results.size()), List.of());
		this.stores.runs()
			.addApiStats(this.current.runId(),
					new ApiStats(
							Map.of("POST /oauth/token", 1L, "GET /api/v1/connected_accounts/auth", 6L,
									"POST /api/v1/execute_tool", 9L, "POST /api/v1/connected_accounts/magic_link", 3L),
							1, 250_000_000L));
		return this;
	}

	private static List<AuditResult> previousResults() {
		List<AuditResult> rows = new ArrayList<>();
		Instant at = PREVIOUS_START.plusSeconds(5);
		// persisting: EXPIRED (now EXPIRED;UNDER_SCOPED, so UNDER_SCOPED is new for it)
		rows.add(result("gmail", "ann@example.com", 2, "EXPIRED", List.of(Finding.EXPIRED), Evidence.NONE, null,
				List.of(), link(LINK_PREVIOUS), at)
			.withLastUse(Optional.of(PREVIOUS_START.minus(Duration.ofDays(40)))));
		// resolved: was DISCONNECTED, now healthy
		rows.add(result("slack", "U0001", 3, "DISCONNECTED", List.of(Finding.DISCONNECTED), Evidence.NONE, null,
				List.of(), Optional.empty(), at));
		// resolved: was INCONCLUSIVE, now gone from the input
		rows.add(result("slack", "U0999", 4, "ACTIVE", List.of(Finding.INCONCLUSIVE),
				new Evidence(503, "TOOL_ERROR", "provider unavailable"), null, List.of(), Optional.empty(), at));
		// persisting: invalid client on github
		rows.add(result("github", "octo-1", 5, "ACTIVE", List.of(Finding.CONNECTION_MISCONFIGURED),
				new Evidence(401, "TOOL_ERROR", "invalid_client"), "invalid_client", List.of(), Optional.empty(), at));
		// dormant: last used 100 days before the previous run
		rows.add(result("github", "octo-3", 6, "ACTIVE", List.of(Finding.HEALTHY), Evidence.NONE, null, List.of(),
				Optional.empty(), at)
			.withLastUse(Optional.of(PREVIOUS_START.minus(Duration.ofDays(100)))));
		return rows;
	}

	private static List<AuditResult> currentResults() {
		List<AuditResult> rows = new ArrayList<>();
		Instant at = START.plusSeconds(10);
		// last_used_at shows the previous run's refresh, not a use: the previous run's
		// last real use carries forward
		rows.add(result("gmail", "ann@example.com", 2, "EXPIRED", List.of(Finding.EXPIRED, Finding.UNDER_SCOPED),
				Evidence.NONE, null, List.of("https://www.googleapis.com/auth/gmail.readonly"), link(LINK_EXPIRED), at)
			.withLastUse(Optional.of(PREVIOUS_START.plusSeconds(3))));
		// came back after the previous campaign, and used since
		rows.add(result("slack", "U0001", 4, "ACTIVE", List.of(Finding.HEALTHY), Evidence.NONE, null, List.of(),
				Optional.empty(), at.plusSeconds(1))
			.withLastUse(Optional.of(START.minus(Duration.ofHours(3)))));
		rows.add(result("slack", "U0002", 5, "ACTIVE", List.of(Finding.REFRESHED), Evidence.NONE, null, List.of(),
				Optional.empty(), at.plusSeconds(2)));
		rows.add(result("slack", "U0003", 6, "DISCONNECTED", List.of(Finding.DISCONNECTED), Evidence.NONE, null,
				List.of(), link(LINK_DISCONNECTED), at.plusSeconds(3)));
		rows.add(result("github", "octo-1", 7, "ACTIVE", List.of(Finding.CONNECTION_MISCONFIGURED),
				new Evidence(401, "TOOL_ERROR", "invalid_client: client authentication failed"), "invalid_client",
				List.of(), Optional.empty(), at.plusSeconds(4)));
		rows.add(result("github", "octo-2", 8, "ACTIVE", List.of(Finding.CONNECTION_MISCONFIGURED),
				new Evidence(401, "TOOL_ERROR", "invalid_client: client authentication failed"), "invalid_client",
				List.of(), Optional.empty(), at.plusSeconds(5)));
		// used by nothing but the previous run's probe
		rows.add(result("github", "octo-3", 9, "ACTIVE", List.of(Finding.HEALTHY), Evidence.NONE, null, List.of(),
				Optional.empty(), at.plusSeconds(6))
			.withLastUse(Optional.of(PREVIOUS_START.plusSeconds(4))));
		rows.add(result("gmail", "bob@example.com", 10, "ACTIVE", List.of(Finding.ADMIN_ACTION_REQUIRED),
				new Evidence(403, "TOOL_ERROR", "Access blocked: app not verified"), "google_access_blocked", List.of(),
				Optional.empty(), at.plusSeconds(7))
			.withLastUse(Optional.of(START.minus(Duration.ofDays(2)))));
		rows.add(result("gmail", SCRIPT_IDENTIFIER, 11, "ACTIVE", List.of(Finding.UNDER_SCOPED), Evidence.NONE, null,
				List.of("https://www.googleapis.com/auth/userinfo.email"), link(LINK_SCRIPT), at.plusSeconds(8)));
		rows.add(
				result("outlook", FORMULA_IDENTIFIER, 12, "PENDING_VERIFICATION", List.of(Finding.PENDING_VERIFICATION),
						Evidence.NONE, null, List.of(), Optional.empty(), at.plusSeconds(9)));
		rows.add(result("outlook", "carol@example.com", 13, "ACTIVE", List.of(Finding.INCONCLUSIVE),
				new Evidence(0, "", "-timed out after 2s @provider"), null, List.of(), Optional.empty(),
				at.plusSeconds(10)));
		rows.add(result("outlook", "ghost@example.com", 14, "", List.of(Finding.NOT_FOUND),
				new Evidence(404, "", "connected account not found"), null, List.of(), Optional.empty(),
				at.plusSeconds(11)));
		return rows;
	}

	private static Optional<AuthorizationLink> link(String link) {
		return Optional.of(new AuthorizationLink(link, Instant.parse("2026-03-09T02:00:00Z")));
	}

	private static AuditResult result(String connection, String identifier, long line, String status,
			List<Finding> findings, Evidence evidence, String ruleId, List<String> missing,
			Optional<AuthorizationLink> link, Instant checkedAt) {
		Map<String, String> extras = new LinkedHashMap<>();
		extras.put("email", identifier.contains("@") ? identifier : identifier.toLowerCase() + "@example.com");
		extras.put("org_id", "org-" + (line % 3));
		Optional<ProviderRule> rule = ProviderRules.RULES.stream()
			.filter((each) -> each.id().equals(ruleId))
			.findFirst();
		boolean probed = status.equals("ACTIVE");
		return new AuditResult(new AccountRef(connection, identifier, line, extras),
				status.isEmpty() ? "" : "ca_" + connection + "_" + line, status, new Verdict(findings, evidence, rule),
				missing, GRANTED.getOrDefault(identifier, List.of("openid")), probed ? "probe_tool" : "",
				probed ? ProbeStatus.SUCCEEDED : ProbeStatus.NOT_RUN, checkedAt, link, "");
	}

}
