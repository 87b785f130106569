package dev.healthaudit.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.healthaudit.account.AccountRef;
import dev.healthaudit.finding.Finding;
import dev.healthaudit.policy.AuditPolicy;
import dev.healthaudit.policy.PolicyLoader;
import dev.healthaudit.ratelimit.AttemptTally;
import dev.healthaudit.ratelimit.Backoff;
import dev.healthaudit.ratelimit.Retries;
import dev.healthaudit.sandbox.FleetNights;
import dev.healthaudit.sandbox.SandboxAccount;
import dev.healthaudit.sandbox.SandboxNight;
import dev.healthaudit.sandbox.SandboxServer;
import dev.healthaudit.sandbox.SandboxSettings;
import dev.healthaudit.sandbox.Scenario;
import dev.healthaudit.scalekit.CallListener;
import dev.healthaudit.scalekit.ScalekitClient;
import dev.healthaudit.scalekit.ScalekitCredentials;
import dev.healthaudit.scalekit.ScalekitTimeouts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit keeps Scalekit's {@code last_used_at} as read before its own probe of the
 * account (the read after a refresh would show the refresh), and none when an earlier
 * attempt of the run may have probed the account already.
 */
class AccountAuditorLastUseTests {

	private static final SandboxNight NIGHT = new SandboxNight(2);

	private final FleetNights nights = FleetNights.of(SandboxSettings.defaults());

	private final Clock clock = Clock.fixed(NIGHT.start().plusSeconds(20), ZoneOffset.UTC);

	private final SandboxServer sandbox = SandboxServer.start(SandboxSettings.defaults(), this.clock,
			Optional.of(NIGHT));

	private final AccountAuditor auditor = auditor();

	@AfterEach
	void stop() {
		this.sandbox.close();
	}

	@Test
	void theReadingIsTheOneBeforeTheProbe() {
		SandboxAccount healthy = account(Scenario.HEALTHY);
		AuditResult result = (AuditResult) this.auditor.attempt(ref(healthy), AttemptTally.NONE);
		assertThat(result.probeTool()).isNotEmpty();
		assertThat(result.lastUsedAt()).isEqualTo(this.nights.on(healthy, NIGHT).lastUsedAt()).isPresent();
	}

	@Test
	void aRefreshDoesNotShowAsTheReading() {
		// night 1: EXPIRED until the audit's probe refreshes it, and the read after that
		// shows the probe
		try (SandboxServer first = SandboxServer.start(SandboxSettings.defaults(),
				Clock.fixed(SandboxNight.FIRST.plusSeconds(20), ZoneOffset.UTC), Optional.of(new SandboxNight(1)))) {
			SandboxAccount refreshable = account(Scenario.EXPIRED_REFRESHABLE);
			AuditResult result = (AuditResult) auditor(first).attempt(ref(refreshable), AttemptTally.NONE);
			assertThat(result.health()).isEqualTo(Finding.REFRESHED);
			Instant before = this.nights.on(refreshable, new SandboxNight(1)).lastUsedAt().orElseThrow();
			assertThat(result.lastUsedAt()).contains(before);
		}
	}

	@Test
	void aRepeatedAttemptKeepsNoReading() {
		AuditResult result = (AuditResult) this.auditor.attempt(ref(account(Scenario.HEALTHY)),
				AttemptTally.failures(1));
		assertThat(result.lastUsedAt()).isEmpty();
	}

	@Test
	void anAccountNotFoundHasNoReading() {
		AuditResult result = (AuditResult) this.auditor
			.attempt(new AccountRef("gmail", "nobody@example.com", 2, Map.of()), AttemptTally.NONE);
		assertThat(result.lastUsedAt()).isEmpty();
	}

	private SandboxAccount account(Scenario scenario) {
		return this.nights.fleet()
			.accounts()
			.stream()
			.filter((account) -> account.scenario() == scenario && account.connector().equals("gmail")
					&& this.nights.on(account, NIGHT).account().scenario() == scenario)
			.findFirst()
			.or(() -> this.nights.fleet()
				.accounts()
				.stream()
				.filter((account) -> account.scenario() == scenario && account.connector().equals("gmail"))
				.findFirst())
			.orElseThrow();
	}

	private static AccountRef ref(SandboxAccount account) {
		return new AccountRef(account.connector(), account.identifier(), 2, Map.of());
	}

	private AccountAuditor auditor() {
		return auditor(this.sandbox);
	}

	private AccountAuditor auditor(SandboxServer server) {
		ScalekitClient client = new ScalekitClient(
				new ScalekitCredentials(server.baseUrl(), server.settings().clientId(),
						server.settings().clientSecret()),
				new ScalekitTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5)),
				CallListener.NONE, this.clock);
		Retries retries = new Retries(new Backoff(3, Duration.ofMillis(10), Duration.ofSeconds(1), () -> 0),
				(duration) -> {
				}, (failed) -> {
				});
		return new AccountAuditor(client, policy(), retries, this.clock);
	}

	private static AuditPolicy policy() {
		try {
			Path file = Files.createTempFile("last-use", ".yml");
			Files.writeString(file, """
					name: last-use
					source: { type: csv, path: accounts.csv }
					remediation: { refresh: true, authorization-links: false }
					connections:
					  gmail:
					    required-scopes: [https://www.googleapis.com/auth/gmail.readonly]
					    probe: { tool: gmail_get_profile }
					""");
			AuditPolicy policy = PolicyLoader.load(file, Map.of());
			Files.delete(file);
			return policy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
