package dev.healthaudit.account;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.healthaudit.ratelimit.Backoff;
import dev.healthaudit.ratelimit.Retries;
import dev.healthaudit.sandbox.SandboxServer;
import dev.healthaudit.sandbox.SandboxSettings;
import dev.healthaudit.scalekit.CallListener;
import dev.healthaudit.scalekit.ScalekitClient;
import dev.healthaudit.scalekit.ScalekitCredentials;
import dev.healthaudit.scalekit.ScalekitTimeouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccountSourcesIntegrationTests {

	private static final Set<String> KNOWN = Set.of("gmail", "slack", "outlook", "github");

	private static SandboxServer sandbox;

	private static ScalekitClient client;

	private static final Retries NO_RETRY = new Retries(new Backoff(1, Duration.ZERO, Duration.ZERO, () -> 0),
			(duration) -> {
			}, (failed) -> {
			});

	@BeforeAll
	static void start() {
		sandbox = SandboxServer.start(SandboxSettings.defaults().withAccounts(250).withRecordRequests(true));
		client = new ScalekitClient(new ScalekitCredentials(sandbox.baseUrl(), sandbox.settings().clientId(),
				sandbox.settings().clientSecret()), ScalekitTimeouts.defaults(), CallListener.NONE, Clock.systemUTC());
	}

	@AfterAll
	static void stop() {
		sandbox.close();
	}

	@Test
	void scalekitSourceListsEveryAccountOnceWithPagesOf99() {
		List<InputRecord> records = readAll(new ScalekitAccountSource(client, List.of(), NO_RETRY, KNOWN::contains));
		Set<String> keys = new HashSet<>();
		for (InputRecord record : records) {
			AccountRef account = (AccountRef) record;
			assertThat(keys.add(account.connectionName() + "/" + account.identifier())).isTrue();
			assertThat(account.extras().get("account_id")).startsWith("ca_");
		}
		assertThat(keys).hasSize(250);
		assertThat(sandbox.requests()).filteredOn((request) -> request.path().equals("/api/v1/connected_accounts"))
			.allSatisfy((request) -> assertThat(request.queryParam("page_size")).isEqualTo("99"));
	}

	@Test
	void scalekitSourceFiltersByConnectionNames() {
		List<InputRecord> records = readAll(
				new ScalekitAccountSource(client, List.of("slack", "github"), NO_RETRY, KNOWN::contains));
		long expected = sandbox.fleet()
			.accounts()
			.stream()
			.filter((account) -> account.connector().equals("slack") || account.connector().equals("github"))
			.count();
		assertThat(records).hasSize((int) expected)
			.allSatisfy((record) -> assertThat(((AccountRef) record).connectionName()).isIn("slack", "github"));
	}

	@Test
	void scalekitSourceRejectsConnectionsThePolicyDoesNotKnow() {
		List<InputRecord> records = readAll(
				new ScalekitAccountSource(client, List.of(), NO_RETRY, Set.of("gmail")::contains));
		assertThat(records).filteredOn(RejectedInput.class::isInstance)
			.isNotEmpty()
			.allSatisfy((record) -> assertThat(((RejectedInput) record).reason()).startsWith("unknown_connection: "));
	}

	@Test
	void jdbcSourceStreamsRowsAndCarriesColumns() throws SQLException {
		String url = "jdbc:h2:mem:accounts;DB_CLOSE_DELAY=-1";
		try (Connection connection = DriverManager.getConnection(url, "sa", "");
				Statement statement = connection.createStatement()) {
			statement.execute("create table users (id int primary key, email varchar, ident varchar, conn varchar)");
			statement.execute("insert into users values (1, 'a@x.io', 'a@x.io', 'gmail'), (2, 'b@x.io', '', "
					+ "'slack'), (3, 'c@x.io', 'c@x.io', 'notion'), (4, 'd@x.io', 'd@x.io', 'github')");
			String query = "select email, ident as identifier, conn as connection_name from users order by id";
			List<InputRecord> records = readAll(new JdbcAccountSource(url, "sa", "", query, KNOWN::contains));
			assertThat(records).hasSize(4);
			assertThat(records.get(0)).isEqualTo(new AccountRef("gmail", "a@x.io", 1, java.util.Map.of("email", "a@x.io")));
			assertThat(records.get(1)).isEqualTo(new RejectedInput(2, "empty_identifier", "slack,"));
			assertThat(records.get(2)).isEqualTo(new RejectedInput(3, "unknown_connection: notion", "notion,c@x.io"));
			try (JdbcAccountSource resumed = new JdbcAccountSource(url, "sa", "", query, KNOWN::contains)) {
				resumed.skip(3);
				assertThat(resumed.next()).get().extracting(InputRecord::line).isEqualTo(4L);
			}
			assertThatThrownBy(() -> new JdbcAccountSource(url, "sa", "", "select email from users", KNOWN::contains))
				.isInstanceOf(InvalidInputException.class)
				.hasMessageContaining("missing column 'identifier'");
		}
	}

	private static List<InputRecord> readAll(AccountSource source) {
		List<InputRecord> records = new ArrayList<>();
		try (source) {
			for (var next = source.next(); next.isPresent(); next = source.next()) {
				records.add(next.get());
			}
		}
		return records;
	}

}
