package dev.healthaudit.command;

import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.healthaudit.finding.Finding;
import dev.healthaudit.sandbox.SandboxAccount;
import dev.healthaudit.sandbox.SandboxFleet;
import dev.healthaudit.sandbox.SandboxServer;
import dev.healthaudit.sandbox.SandboxSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job against a sandbox that injects transient faults: the run completes, every input
 * record is reported exactly once, and a fault can make an account INCONCLUSIVE (with its
 * cause) but never give it a worse health than its scenario. Small fleets and short
 * timeouts keep each run to a few seconds.
 */
class FaultToleranceIntegrationTests {

	private static final int ACCOUNTS = 60;

	/**
	 * What the timeout-sized faults wait; the test policy's read and tool timeouts are 1
	 * s and 500 ms.
	 */
	private static final String FAULT_DELAY = "1500ms";

	@TempDir
	Path work;

	@Test
	void gatewayFaultsAreRetriedAway() throws IOException {
		Audit audit = audit("RATE_LIMITED,RATE_LIMITED_NO_RETRY_AFTER,BAD_GATEWAY,UNAVAILABLE,CONNECTION_RESET", "0.2",
				"1");
		audit.assertNothingLostAndNothingWorse();
		assertThat(audit.retries()).isPositive();
		// a burst of one with three attempts: rarely two bursts in a row, so most
		// accounts get their real verdict
		assertThat(audit.inconclusiveWithoutReason()).isLessThan(ACCOUNTS / 4);
	}

	@Test
	void lostAnswersAreRetriedAway() throws IOException {
		Audit audit = audit("READ_TIMEOUT,TRUNCATED_JSON,NOT_JSON", "0.2", "1");
		audit.assertNothingLostAndNothingWorse();
		assertThat(audit.retries()).isPositive();
		assertThat(audit.inconclusiveWithoutReason()).isLessThan(ACCOUNTS / 4);
	}

	@Test
	void expiredAccessTokenIsRenewedAndATokenOutageIsWaitedOut() throws IOException {
		Audit audit = audit("TOKEN_EXPIRED,TOKEN_ENDPOINT_DOWN", "0.03", "2");
		audit.assertNothingLostAndNothingWorse();
		assertThat(audit.retries()).isPositive();
	}

	@Test
	void faultsOutlastingTheRetriesMakeAccountsInconclusiveWithTheirCause() throws IOException {
		// bursts of three against three attempts: many accounts cannot be decided
		Audit audit = audit("RATE_LIMITED_NO_RETRY_AFTER,BAD_GATEWAY,UNAVAILABLE,CONNECTION_RESET,READ_TIMEOUT,"
				+ "TRUNCATED_JSON,NOT_JSON,TOKEN_EXPIRED", "0.3", "3");
		audit.assertNothingLostAndNothingWorse();
		List<CSVRecord> undecided = audit.inconclusiveWhereTheScenarioIsDecided();
		assertThat(undecided).hasSizeGreaterThan(5);
		assertThat(undecided).allSatisfy((row) -> assertThat(row.get("detail")).as(row.toString()).isNotBlank());
		assertThat(undecided).extracting((row) -> row.get("detail"))
			.anySatisfy((detail) -> assertThat(detail).contains("HTTP 50"))
			.anySatisfy((detail) -> assertThat(detail).contains("malformed response"))
			.anySatisfy((detail) -> assertThat(detail).contains("timed out"));
	}

	@Test
	void wrongCredentialsExitTwoAtOnceWithOneMessage() throws IOException {
		try (SandboxServer server = SandboxServer
			.start(SandboxSettings.defaults().withAccounts(ACCOUNTS).withCredentials("audit-client", "right-secret"))) {
			long started = System.nanoTime();
			AuditApp.Result result = AuditApp
				.run(realArguments(server.baseUrl().toString(), "audit-client", "wrong-secret"));
			assertThat(result.exitCode()).isEqualTo(2);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
			assertThat(occurrences(result.output(), "Scalekit refused the client credentials")).isEqualTo(1);
			assertThat(result.output()).doesNotContain("wrong-secret").doesNotContain("\tat ");
			assertThat(server.requestCount("POST", "/oauth/token")).isEqualTo(1);
			assertThat(server.requestCount("GET", "/api/v1/connected_accounts/auth")).isZero();
			assertThat(this.work.resolve("reports")).doesNotExist();
		}
	}

	@Test
	void unreachableEnvironmentExitsOneAtOnceWithOneMessage() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		long started = System.nanoTime();
		AuditApp.Result result = AuditApp
			.run(realArguments("http://127.0.0.1:" + closedPort, "audit-client", "some-secret"));
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
		assertThat(occurrences(result.output(), "cannot reach Scalekit at http://127.0.0.1:" + closedPort))
			.isEqualTo(1);
		assertThat(result.output()).doesNotContain("\tat ");
		assertThat(this.work.resolve("reports")).doesNotExist();
	}

	@Test
	void aRunThatCouldNotReachScalekitIsResumedByTheNextStart() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		AuditApp.Result unreachable = AuditApp
			.run(realArguments("http://127.0.0.1:" + closedPort, "audit-client", "right-secret"));
		assertThat(unreachable.exitCode()).isEqualTo(1);
		String runId = runId(unreachable.output(), "starting run ");
		try (SandboxServer server = SandboxServer
			.start(SandboxSettings.defaults().withAccounts(ACCOUNTS).withCredentials("audit-client", "right-secret"))) {
			AuditApp.Result resumed = AuditApp
				.run(realArguments(server.baseUrl().toString(), "audit-client", "right-secret"));
			assertThat(resumed.exitCode()).as(resumed.output()).isZero();
			assertThat(runId(resumed.output(), "resuming unfinished run ")).isEqualTo(runId);
			new Audit(this.work.resolve("reports").resolve("latest"),
					SandboxFleet.of(SandboxSettings.defaults().withAccounts(ACCOUNTS)))
				.assertNothingLostAndNothingWorse();
		}
	}

	private static String runId(String output, String prefix) {
		int at = output.indexOf(prefix);
		assertThat(at).as(output).isNotNegative();
		return output.substring(at + prefix.length()).split("[ \\n]", 2)[0];
	}

	private String[] realArguments(String url, String clientId, String secret) throws IOException {
		Path input = this.work.resolve("accounts.csv");
		SandboxFleet.of(SandboxSettings.defaults().withAccounts(ACCOUNTS)).writeInputCsv(input);
		return new String[] { "--policy=" + testPolicy(), "--input=" + input,
				"--reports-dir=" + this.work.resolve("reports"), "--audit.data-dir=" + this.work.resolve("data"),
				"--SCALEKIT_ENVIRONMENT_URL=" + url, "--SCALEKIT_CLIENT_ID=" + clientId,
				"--SCALEKIT_CLIENT_SECRET=" + secret };
	}

	private Audit audit(String faults, String share, String burst) throws IOException {
		AuditApp.Result result = AuditApp.run("--sandbox", "--policy=" + testPolicy(),
				"--reports-dir=" + this.work.resolve("reports"), "--audit.data-dir=" + this.work.resolve("data"),
				"--audit.sandbox.accounts=" + ACCOUNTS, "--audit.sandbox.slow-probe-delay=" + FAULT_DELAY,
				"--audit.sandbox.faults.kinds=" + faults, "--audit.sandbox.faults.share=" + share,
				"--audit.sandbox.faults.burst=" + burst, "--audit.sandbox.faults.delay=" + FAULT_DELAY,
				"--audit.sandbox.faults.seed=11", "--audit.progress-interval=2s");
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("sandbox injects faults");
		return new Audit(this.work.resolve("reports").resolve("latest"),
				SandboxFleet.of(SandboxSettings.defaults().withAccounts(ACCOUNTS)));
	}

	/**
	 * The sandbox policy with timeouts and backoff cut down, so that faults cost
	 * milliseconds, not seconds.
	 */
	private Path testPolicy() throws IOException {
		Path policy = this.work.resolve("faults.yml");
		String shipped = Files.readString(Path.of("jobs", "sandbox.yml"), StandardCharsets.UTF_8);
		// a higher environment budget: Scalekit 429s halve it (down to a sixteenth), as
		// they should
		String fast = shipped.replace("read-timeout: 5s", "read-timeout: 1s")
			.replace("requests-per-minute: 6000", "requests-per-minute: 60000")
			.replace("tool-timeout: 2s", "tool-timeout: 500ms")
			.replace("initial-backoff: 200ms", "initial-backoff: 20ms");
		assertThat(fast).contains("requests-per-minute: 60000", "read-timeout: 1s", "tool-timeout: 500ms",
				"initial-backoff: 20ms", "max-attempts: 3");
		Files.writeString(policy, fast, StandardCharsets.UTF_8);
		return policy;
	}

	private static int occurrences(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
			count++;
		}
		return count;
	}

	static List<CSVRecord> read(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
		}
	}

	/**
	 * Whether {@code actual} is a health a transient fault can explain for an account
	 * whose scenario gives {@code expected}: the same, INCONCLUSIVE (undecided), or
	 * HEALTHY for an account that recovers on its first tool call when that call's answer
	 * was lost (the retry finds it already recovered).
	 */
	static boolean explainedByTransientFaults(Finding expected, Finding actual) {
		return actual == expected || actual == Finding.INCONCLUSIVE
				|| (expected == Finding.REFRESHED && actual == Finding.HEALTHY);
	}

	/** One completed run's outputs, next to the fleet it audited. */
	record Audit(Path reports, SandboxFleet fleet) {

		void assertNothingLostAndNothingWorse() throws IOException {
			List<CSVRecord> rows = read(this.reports.resolve("accounts.csv"));
			Map<String, CSVRecord> byKey = new HashMap<>();
			rows.forEach((row) -> assertThat(byKey.put(key(row.get("connection_name"), row.get("identifier")), row))
				.as("listed once: " + row)
				.isNull());
			assertThat(rows).hasSize(this.fleet.accounts().size() + this.fleet.unknownIdentifiers().size());
			for (SandboxAccount account : this.fleet.accounts()) {
				CSVRecord row = byKey.get(key(account.connector(), account.identifier()));
				Finding expected = SandboxAuditIntegrationTests.EXPECTED.get(account.scenario());
				Finding actual = Finding.valueOf(row.get("health"));
				assertThat(explainedByTransientFaults(expected, actual))
					.as(account.identifier() + " seeded " + account.scenario() + " is " + actual + ": " + row)
					.isTrue();
				if (actual == Finding.INCONCLUSIVE) {
					assertThat(row.get("detail") + row.get("http_status")).as("the cause of " + row).isNotBlank();
				}
			}
			this.fleet.unknownAccounts()
				.forEach(
						(unknown) -> assertThat(byKey.get(key(unknown.connector(), unknown.identifier())).get("health"))
							.isIn("NOT_FOUND", "INCONCLUSIVE"));
			assertThat(read(this.reports.resolve("rejects.csv"))).hasSize(this.fleet.badRows().size());
		}

		/**
		 * INCONCLUSIVE rows of accounts whose scenario, without faults, gets a definite
		 * verdict.
		 */
		List<CSVRecord> inconclusiveWhereTheScenarioIsDecided() throws IOException {
			List<CSVRecord> undecided = new ArrayList<>();
			for (CSVRecord row : read(this.reports.resolve("accounts.csv"))) {
				boolean decidedWithoutFaults = this.fleet.find(row.get("connection_name"), row.get("identifier"))
					.map((account) -> SandboxAuditIntegrationTests.EXPECTED
						.get(account.scenario()) != Finding.INCONCLUSIVE)
					.orElse(true);
				if (decidedWithoutFaults && row.get("health").equals("INCONCLUSIVE")) {
					undecided.add(row);
				}
			}
			return undecided;
		}

		int inconclusiveWithoutReason() throws IOException {
			return inconclusiveWhereTheScenarioIsDecided().size();
		}

		long retries() {
			JsonNode summary = JsonMapper.builder().build().readTree(this.reports.resolve("summary.json").toFile());
			return summary.get("api").get("retries").asLong();
		}

		private static String key(String connection, String identifier) {
			return connection + "/" + identifier;
		}

	}

}
