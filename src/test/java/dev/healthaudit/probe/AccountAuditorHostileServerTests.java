package dev.healthaudit.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.healthaudit.account.AccountRef;
import dev.healthaudit.finding.Finding;
import dev.healthaudit.policy.AuditPolicy;
import dev.healthaudit.policy.PolicyLoader;
import dev.healthaudit.ratelimit.AttemptTally;
import dev.healthaudit.ratelimit.Backoff;
import dev.healthaudit.ratelimit.Retries;
import dev.healthaudit.scalekit.ApiFailure;
import dev.healthaudit.scalekit.CallListener;
import dev.healthaudit.scalekit.ScalekitClient;
import dev.healthaudit.scalekit.ScalekitCredentials;
import dev.healthaudit.scalekit.ScalekitTimeouts;
import dev.healthaudit.support.HostileHttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the client's outcomes for a misbehaving server end up in an account's audit: our
 * refused credentials are a transient failure (deferred, then INCONCLUSIVE with the code
 * {@code credentials_refused}); an answer over the size limit is final at once.
 */
@Timeout(30)
class AccountAuditorHostileServerTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

	private static final int MAX_ATTEMPTS = 3;

	private static final AccountRef ACCOUNT = new AccountRef("gmail", "user@example.com", 2, Map.of());

	private static final String ACTIVE = "{\"connected_account\":{\"id\":\"ca_1\",\"identifier\":\"user@example.com\","
			+ "\"connector\":\"gmail\",\"status\":\"ACTIVE\",\"authorization_details\":{\"oauth_token\":{\"scopes\":"
			+ "[\"https://www.googleapis.com/auth/gmail.readonly\"]}}}}";

	private static final String REFUSED = "{\"code\":16,\"message\":\"Token empty\",\"details\":[{\"error_code\":"
			+ "\"UNAUTHENTICATED\"}]}";

	private static final String RATE_LIMITED = "{\"code\":8,\"message\":\"rate limit exceeded, retry later\","
			+ "\"details\":[{\"error_code\":\"RATE_LIMITED\"}]}";

	private static final String PROVIDER_DOWN = "{\"code\":13,\"message\":\"provider error\",\"details\":[{"
			+ "\"error_code\":\"TOOL_ERROR\",\"tool_error_info\":{\"execution_id\":\"1\","
			+ "\"tool_error_message\":\"upstream service unavailable\",\"tool_error_code\":\"EXEC_FAILED\"}}]}";

	@TempDir
	Path directory;

	private final HostileHttpServer server = HostileHttpServer.start();

	private AccountAuditor auditor;

	@BeforeEach
	void auditor() throws IOException {
		Path policy = Files.writeString(this.directory.resolve("hostile.yml"), """
				name: hostile
				source: { type: csv, path: accounts.csv }
				retry: { max-attempts: %d, initial-backoff: 10ms, max-backoff: 30s }
				remediation: { refresh: true, authorization-links: false }
				connections:
				  gmail:
				    required-scopes: [https://www.googleapis.com/auth/gmail.readonly]
				    probe: { tool: gmail_get_profile, params: {} }
				""".formatted(MAX_ATTEMPTS), StandardCharsets.UTF_8);
		ScalekitClient client = new ScalekitClient(
				new ScalekitCredentials(this.server.baseUrl(), "client-id", "client-secret-of-test"),
				new ScalekitTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5)),
				CallListener.NONE, CLOCK);
		Retries retries = new Retries(new Backoff(MAX_ATTEMPTS, Duration.ofMillis(10), Duration.ofSeconds(30), () -> 0),
				(duration) -> {
					throw new AssertionError("an attempt never waits");
				}, (failed) -> {
				});
		this.auditor = new AccountAuditor(client, PolicyLoader.load(policy, Map.of()), retries, CLOCK);
		this.server.token("access-token-of-test", "3600");
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void refusedCredentialsOnReadDeferTheAccountThenLeaveItInconclusiveWithTheirCode() {
		this.server.route("/api/v1/connected_accounts/auth", (request, reply) -> reply.json(401, REFUSED));
		AuditAttempt first = this.auditor.attempt(ACCOUNT, AttemptTally.NONE);
		assertThat(first).isInstanceOf(DeferredAudit.class);
		assertThat(((DeferredAudit) first).reason()).startsWith("HTTP 401 credentials refused");
		AuditResult last = (AuditResult) this.auditor.attempt(ACCOUNT, AttemptTally.failures(MAX_ATTEMPTS - 1));
		assertCredentialsRefused(last);
	}

	@Test
	void refusedCredentialsOnTheProbeLeaveTheAccountInconclusiveNotBroken() {
		this.server.route("/api/v1/connected_accounts/auth", (request, reply) -> reply.json(200, ACTIVE))
			.route("/api/v1/execute_tool", (request, reply) -> reply.json(401, REFUSED));
		assertThat(this.auditor.attempt(ACCOUNT, AttemptTally.NONE)).isInstanceOf(DeferredAudit.class);
		AuditResult last = (AuditResult) this.auditor.attempt(ACCOUNT, AttemptTally.failures(MAX_ATTEMPTS - 1));
		assertCredentialsRefused(last);
		assertThat(last.probeOutcome()).isEqualTo(ProbeReport.ProbeStatus.INCONCLUSIVE);
	}

	@Test
	void aRefusalOfThePaceDoesNotTakeTheLastAttemptOfAnAccountWhoseProviderIsDown() {
		AtomicInteger probes = new AtomicInteger();
		this.server.route("/api/v1/connected_accounts/auth", (request, reply) -> reply.json(200, ACTIVE))
			.route("/api/v1/execute_tool", (request, reply) -> {
				if (probes.incrementAndGet() == 3) {
					reply.json(429, RATE_LIMITED, "Retry-After: 1");
				}
				else {
					reply.json(500, PROVIDER_DOWN);
				}
			});
		List<AuditAttempt> attempts = new ArrayList<>();
		AttemptTally before = AttemptTally.NONE;
		while (attempts.isEmpty() || attempts.get(attempts.size() - 1) instanceof DeferredAudit) {
			AuditAttempt attempt = this.auditor.attempt(ACCOUNT, before);
			attempts.add(attempt);
			before = (attempt instanceof DeferredAudit deferred) ? deferred.attempts() : before;
		}
		assertThat(attempts).hasSize(4);
		assertThat(attempts.subList(0, 3)).extracting((attempt) -> ((DeferredAudit) attempt).attempts())
			.containsExactly(AttemptTally.failures(1), AttemptTally.failures(2), new AttemptTally(2, 1));
		AuditResult last = (AuditResult) attempts.get(3);
		assertThat(last.health()).isEqualTo(Finding.INCONCLUSIVE);
		assertThat(last.verdict().evidence()).as("the outage is the evidence, not the job's pace")
			.isEqualTo(new Evidence(500, "TOOL_ERROR/EXEC_FAILED", "upstream service unavailable"));
		assertThat(probes).hasValue(4);
	}

	@Test
	void anAnswerOverTheLimitIsFinalAtTheFirstAttempt() {
		this.server.route("/api/v1/connected_accounts/auth",
				(request, reply) -> reply.head(200, "Content-Length: 50000000").stream(50_000_000, (byte) ' '));
		AuditAttempt first = this.auditor.attempt(ACCOUNT, AttemptTally.NONE);
		assertThat(first).isInstanceOf(AuditResult.class);
		AuditResult result = (AuditResult) first;
		assertThat(result.health()).isEqualTo(Finding.INCONCLUSIVE);
		assertThat(result.verdict().evidence().httpStatus()).isEqualTo(200);
		assertThat(result.detail()).isEqualTo("HTTP 200 answer larger than 64 KiB");
	}

	private static void assertCredentialsRefused(AuditResult result) {
		assertThat(result.health()).isEqualTo(Finding.INCONCLUSIVE);
		assertThat(result.verdict().findings()).containsExactly(Finding.INCONCLUSIVE);
		Evidence evidence = result.verdict().evidence();
		assertThat(evidence.httpStatus()).isEqualTo(401);
		assertThat(evidence.errorCode()).isEqualTo(ApiFailure.CredentialsRefused.CODE).isEqualTo("credentials_refused");
		assertThat(evidence.detail()).startsWith("HTTP 401 credentials refused");
	}

}
