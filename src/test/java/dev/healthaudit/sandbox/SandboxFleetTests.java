package dev.healthaudit.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxFleetTests {

	private static final Path COMMITTED_INPUT = Path.of("jobs/sandbox-accounts.csv");

	private final SandboxFleet fleet = SandboxFleet.of(SandboxSettings.defaults());

	@Test
	void committedInputCsvIsWhatTheDefaultFleetWrites(@TempDir Path dir) throws IOException {
		Path written = dir.resolve("accounts.csv");
		this.fleet.writeInputCsv(written);
		// Line endings normalised: a checkout may convert them, the content may not
		// drift.
		assertThat(normalized(COMMITTED_INPUT)).isEqualTo(normalized(written));
	}

	@Test
	void inputCsvHasHeaderEveryAccountTheUnknownPairsAndTheBadRows(@TempDir Path dir) throws IOException {
		Path written = dir.resolve("accounts.csv");
		this.fleet.writeInputCsv(written);
		CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
		try (CSVParser parser = CSVParser.parse(written, StandardCharsets.UTF_8, format)) {
			assertThat(parser.getHeaderNames()).containsExactly("identifier", "connection_name", "email", "user_id");
			List<CSVRecord> records = parser.getRecords();
			int unknown = this.fleet.unknownAccounts().size();
			assertThat(records).hasSize(200 + unknown + this.fleet.badRows().size());
			assertThat(records.get(0).get("identifier")).isEqualTo(this.fleet.accounts().get(0).identifier());
			assertThat(records.subList(200, 200 + unknown))
				.extracting((record) -> new AccountKey(record.get("connection_name"), record.get("identifier")))
				.containsExactlyElementsOf(this.fleet.unknownAccounts());
			assertThat(records.subList(200 + unknown, records.size())).extracting(CSVRecord::toList)
				.containsExactlyElementsOf(this.fleet.badRows());
		}
		assertThat(Files.readString(written)).contains("\r\n").doesNotStartWith("\uFEFF");
	}

	@Test
	void everyScenarioAppearsAndGenericOnesOnEveryConnection() {
		for (Scenario scenario : Scenario.values()) {
			Set<SandboxConnection> connections = this.fleet.withScenario(scenario)
				.stream()
				.map(SandboxAccount::connection)
				.collect(Collectors.toSet());
			if (scenario.onlyOn().isPresent()) {
				assertThat(connections).as(scenario.name()).containsExactly(scenario.onlyOn().get());
			}
			else {
				assertThat(connections).as(scenario.name()).containsExactlyInAnyOrder(SandboxConnection.values());
			}
		}
	}

	@Test
	void aFleetOfTwentyStillHasEveryScenario() {
		SandboxFleet small = SandboxFleet.generate(Scenario.values().length, 7);
		assertThat(small.accounts()).extracting(SandboxAccount::scenario).containsExactlyInAnyOrder(Scenario.values());
	}

	@Test
	void sameSeedGivesTheSameFleet() {
		assertThat(SandboxFleet.generate(200, 42).accounts()).isEqualTo(this.fleet.accounts());
		assertThat(SandboxFleet.generate(200, 42).unknownAccounts()).isEqualTo(this.fleet.unknownAccounts());
	}

	@Test
	void anotherSeedGivesAnotherFleet() {
		SandboxFleet other = SandboxFleet.generate(200, 43);
		assertThat(other.accounts()).isNotEqualTo(this.fleet.accounts());
		assertThat(other.accounts()).extracting(SandboxAccount::scenario)
			.isNotEqualTo(this.fleet.accounts().stream().map(SandboxAccount::scenario).toList());
	}

	@Test
	void aboutSeventyPercentOfALargeFleetIsHealthy() {
		SandboxFleet large = SandboxFleet.generate(10_000, 42);
		double healthy = large.withScenario(Scenario.HEALTHY).size() / 10_000.0;
		assertThat(healthy).isBetween(0.66, 0.74);
		assertThat(large.unknownAccounts()).hasSize(200);
	}

	@Test
	void idsAndKeysAreUnique() {
		assertThat(this.fleet.accounts()).extracting(SandboxAccount::id)
			.doesNotHaveDuplicates()
			.allMatch((id) -> id.matches("ca_\\d+") && id.length() <= 32);
		assertThat(this.fleet.accounts()).extracting(SandboxAccount::key).doesNotHaveDuplicates();
	}

	@Test
	void unknownPairsHaveNoAccountAndCoverEveryConnection() {
		assertThat(this.fleet.unknownAccounts()).hasSize(4)
			.extracting(AccountKey::connector)
			.containsExactlyInAnyOrder("gmail", "slack", "outlook", "github");
		for (AccountKey unknown : this.fleet.unknownAccounts()) {
			assertThat(this.fleet.find(unknown.connector(), unknown.identifier())).isEmpty();
		}
		assertThat(this.fleet.unknownIdentifiers()).doesNotHaveDuplicates().hasSize(4);
	}

	@Test
	void scopesAreFullExceptForTheUnderScopedScenarios() {
		for (SandboxAccount account : this.fleet.accounts()) {
			SandboxConnection connection = account.connection();
			switch (account.scenario()) {
				case UNDER_SCOPED ->
					assertThat(account.missingScopes()).hasSize(1).doesNotContain(connection.probeScope());
				case UNDER_SCOPED_PROBE_FORBIDDEN ->
					assertThat(account.missingScopes()).containsExactly(connection.probeScope());
				default -> assertThat(account.scopes()).containsExactlyElementsOf(connection.scopes());
			}
		}
	}

	@Test
	void someGmailIdentifiersNeedPercentEncoding() {
		assertThat(this.fleet.accounts()).extracting(SandboxAccount::identifier).anyMatch((id) -> id.contains("+"));
	}

	@Test
	void findLooksUpByConnectionAndIdentifier() {
		SandboxAccount account = this.fleet.accounts().get(17);
		assertThat(this.fleet.find(account.connector(), account.identifier())).contains(account);
		assertThat(this.fleet.find("notion", account.identifier())).isEmpty();
	}

	private static String normalized(Path file) throws IOException {
		return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
	}

}
