package dev.healthaudit.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox's nights: the same story every time, told by (fleet, seed, night), and
 * served as such.
 */
class FleetNightsTests {

	private static final SandboxNight NIGHT_1 = new SandboxNight(1);

	private static final SandboxNight NIGHT_2 = new SandboxNight(2);

	private static final SandboxNight NIGHT_3 = new SandboxNight(3);

	private final FleetNights nights = FleetNights.of(SandboxSettings.defaults());

	@Test
	void nightsAreOneDayApartFromTheFirst() {
		assertThat(NIGHT_1.start()).isEqualTo(SandboxNight.FIRST);
		assertThat(NIGHT_3.start()).isEqualTo(Instant.parse("2026-01-07T02:00:00Z"));
		MutableClock system = new MutableClock(Instant.parse("2030-06-01T12:00:00Z"));
		java.time.Clock clock = NIGHT_3.clock(system);
		assertThat(clock.instant()).isEqualTo(NIGHT_3.start());
		system.advance(Duration.ofSeconds(5));
		assertThat(clock.instant()).as("runs on in real time").isEqualTo(NIGHT_3.start().plusSeconds(5));
	}

	@Test
	void everyNightIsTheSameForTheSameSettings() {
		assertThat(FleetNights.of(SandboxSettings.defaults()).fleetOn(NIGHT_3).accounts())
			.isEqualTo(this.nights.fleetOn(NIGHT_3).accounts());
	}

	@Test
	void idsKeysAndOrderNeverChange() {
		SandboxFleet third = this.nights.fleetOn(NIGHT_3);
		assertThat(third.accounts()).extracting(SandboxAccount::id)
			.containsExactlyElementsOf(this.nights.fleet().accounts().stream().map(SandboxAccount::id).toList());
		assertThat(third.unknownAccounts()).isEqualTo(this.nights.fleet().unknownAccounts());
	}

	@Test
	void theFirstNightHasTheSeededScenariosAndSomeExtraScopes() {
		List<SandboxAccount> first = this.nights.fleetOn(NIGHT_1).accounts();
		for (int i = 0; i < first.size(); i++) {
			SandboxAccount seeded = this.nights.fleet().accounts().get(i);
			assertThat(first.get(i).scenario()).isEqualTo(seeded.scenario());
			assertThat(first.get(i).scopes()).startsWith(seeded.scopes().toArray(String[]::new));
		}
		List<SandboxAccount> overGranted = first.stream()
			.filter((account) -> account.scopes().size() > account.connection().scopes().size())
			.toList();
		assertThat(overGranted).isNotEmpty()
			.allSatisfy((account) -> assertThat(account.scopes())
				.endsWith(FleetNights.EXTRA_SCOPE.get(account.connection())));
	}

	@Test
	void askedUsersComeBackAndHealthyAccountsBreak() {
		List<SandboxAccount> base = this.nights.fleet().accounts();
		long cameBack = base.stream()
			.filter((account) -> account.scenario() == Scenario.EXPIRED)
			.filter((account) -> this.nights.on(account, NIGHT_2).cameBack())
			.peek((account) -> assertThat(this.nights.on(account, NIGHT_2).account().scenario())
				.isEqualTo(Scenario.HEALTHY))
			.count();
		long stayed = base.stream()
			.filter((account) -> account.scenario() == Scenario.EXPIRED)
			.filter((account) -> this.nights.on(account, NIGHT_3).account().scenario() == Scenario.EXPIRED)
			.count();
		long broke = base.stream()
			.filter((account) -> account.scenario() == Scenario.HEALTHY)
			.filter((account) -> this.nights.on(account, NIGHT_2).account().scenario() != Scenario.HEALTHY)
			.peek((account) -> assertThat(this.nights.on(account, NIGHT_2).account().scenario()).isIn(Scenario.EXPIRED,
					Scenario.DISCONNECTED))
			.count();
		assertThat(cameBack).isPositive();
		assertThat(stayed).isPositive();
		assertThat(broke).isPositive();
		assertThat(base.stream().filter((account) -> account.scenario() == Scenario.EXPIRED_REFRESHABLE))
			.as("repaired by the audit's refresh, healthy the next night")
			.allSatisfy((account) -> assertThat(this.nights.on(account, NIGHT_2).account().scenario())
				.isEqualTo(Scenario.HEALTHY));
	}

	@Test
	void aDormantAccountShowsOnlyTheAuditsLastProbe() {
		SandboxAccount dormant = dormantHealthy();
		FleetNights.AccountNight first = this.nights.on(dormant, NIGHT_1);
		FleetNights.AccountNight third = this.nights.on(dormant, NIGHT_3);
		assertThat(first.lastUsedAt()).isEqualTo(first.lastAgentUse());
		assertThat(Duration.between(first.lastAgentUse().orElseThrow(), SandboxNight.FIRST).toDays()).isBetween(30L,
				179L);
		assertThat(third.lastAgentUse()).isEqualTo(first.lastAgentUse());
		assertThat(third.lastUsedAt()).contains(NIGHT_2.start());
	}

	@Test
	void anActiveAccountIsUsedBetweenNights() {
		SandboxAccount active = this.nights.fleet()
			.accounts()
			.stream()
			.filter((account) -> account.scenario() == Scenario.HEALTHY && !this.nights.dormant(account))
			.filter((account) -> this.nights.on(account, NIGHT_3).account().scenario() == Scenario.HEALTHY)
			.findFirst()
			.orElseThrow();
		Instant used = this.nights.on(active, NIGHT_3).lastAgentUse().orElseThrow();
		assertThat(used).isBetween(NIGHT_2.start().plus(Duration.ofHours(2)), NIGHT_3.start());
		assertThat(this.nights.on(active, NIGHT_3).lastUsedAt()).contains(used);
	}

	@Test
	void aServerOfANightServesThatNightsAccountsAndMovesLastUsedOnEveryToolCall() {
		SandboxAccount dormant = dormantHealthy();
		MutableClock clock = new MutableClock(NIGHT_3.start().plusSeconds(30));
		try (SandboxServer server = SandboxServer.start(SandboxSettings.defaults(), clock, Optional.of(NIGHT_3))) {
			TestHttp http = new TestHttp(server);
			JsonNode account = TestHttp.json(http.auth(dormant)).get("connected_account");
			assertThat(Instant.parse(account.get("last_used_at").stringValue())).isEqualTo(NIGHT_2.start());
			assertThat(http.probe(dormant).statusCode()).isEqualTo(200);
			account = TestHttp.json(http.auth(dormant)).get("connected_account");
			assertThat(Instant.parse(account.get("last_used_at").stringValue())).isEqualTo(clock.instant());
			SandboxAccount cameBack = this.nights.fleet()
				.accounts()
				.stream()
				.filter((each) -> each.scenario() == Scenario.EXPIRED && this.nights.on(each, NIGHT_3).cameBack())
				.findFirst()
				.orElseThrow();
			JsonNode back = TestHttp.json(http.auth(cameBack)).get("connected_account");
			assertThat(back.get("status").stringValue()).isEqualTo("ACTIVE");
			assertThat(server.fleet().find(cameBack.connector(), cameBack.identifier()).orElseThrow().scenario())
				.isEqualTo(Scenario.HEALTHY);
		}
	}

	private SandboxAccount dormantHealthy() {
		return this.nights.fleet()
			.accounts()
			.stream()
			.filter((account) -> account.scenario() == Scenario.HEALTHY && this.nights.dormant(account))
			.filter((account) -> this.nights.on(account, NIGHT_3).account().scenario() == Scenario.HEALTHY)
			.findFirst()
			.orElseThrow();
	}

}
