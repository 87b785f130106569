package dev.healthaudit.sandbox;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The sandbox's accounts, derived only from (accounts, seed). Every scenario appears at
 * least once (when the fleet is large enough), each generic one on every connection; the
 * rest is drawn at random, about 70% healthy. A few (connection, identifier) pairs that
 * have no account are added for the input CSV, to exercise 404s.
 */
public final class SandboxFleet {

	/** Header of the input CSV written by {@link #writeInputCsv(Path)}. */
	public static final List<String> CSV_HEADER = List.of("identifier", "connection_name", "email", "user_id");

	private static final SandboxConnection[] CONNECTIONS = SandboxConnection.values();

	private final List<SandboxAccount> accounts;

	private final List<AccountKey> unknownAccounts;

	private final Map<AccountKey, Integer> indexByKey;

	private final Map<String, Integer> indexById;

	private SandboxFleet(List<SandboxAccount> accounts, List<AccountKey> unknownAccounts) {
		this.accounts = List.copyOf(accounts);
		this.unknownAccounts = List.copyOf(unknownAccounts);
		Map<AccountKey, Integer> keys = new HashMap<>();
		Map<String, Integer> ids = new HashMap<>();
		for (int i = 0; i < this.accounts.size(); i++) {
			keys.put(this.accounts.get(i).key(), i);
			ids.put(this.accounts.get(i).id(), i);
		}
		this.indexByKey = Collections.unmodifiableMap(keys);
		this.indexById = Collections.unmodifiableMap(ids);
	}

	public static SandboxFleet generate(int accounts, long seed) {
		if (accounts < 0) {
			throw new IllegalArgumentException("accounts must not be negative: " + accounts);
		}
		Random random = new Random(seed);
		List<Draft> mandatory = mandatoryDrafts();
		List<Draft> drafts = new ArrayList<>(mandatory.subList(0, Math.min(accounts, mandatory.size())));
		while (drafts.size() < accounts) {
			SandboxConnection connection = CONNECTIONS[random.nextInt(CONNECTIONS.length)];
			drafts.add(new Draft(connection, drawScenario(connection, random)));
		}
		Collections.shuffle(drafts, random);
		long idBase = 10_000_000_000_000_000L + Math.floorMod(random.nextLong(), 80_000_000_000_000_000L);
		long connectionBase = 10_000_000_000_000_000L + Math.floorMod(random.nextLong(), 80_000_000_000_000_000L);
		// One id string per connection, shared by its accounts: large benchmark fleets
		// stay small in memory.
		Map<SandboxConnection, String> connectionIds = new EnumMap<>(SandboxConnection.class);
		for (SandboxConnection connection : CONNECTIONS) {
			connectionIds.put(connection, "conn_" + (connectionBase + connection.ordinal()));
		}
		List<SandboxAccount> built = new ArrayList<>(accounts);
		for (int i = 0; i < drafts.size(); i++) {
			Draft draft = drafts.get(i);
			built.add(draft.toAccount(i + 1, idBase + i, connectionIds.get(draft.connection()), random));
		}
		return new SandboxFleet(built, unknownAccounts(accounts));
	}

	public static SandboxFleet of(SandboxSettings settings) {
		return generate(settings.accounts(), settings.seed());
	}

	/**
	 * This fleet with each account replaced by {@code change} (same ids, keys and order):
	 * a later night's fleet.
	 */
	SandboxFleet map(UnaryOperator<SandboxAccount> change) {
		return new SandboxFleet(this.accounts.stream().map(change).toList(), this.unknownAccounts);
	}

	public List<SandboxAccount> accounts() {
		return this.accounts;
	}

	/**
	 * The (connection, identifier) pairs listed in the input CSV that have no connected
	 * account.
	 */
	public List<AccountKey> unknownAccounts() {
		return this.unknownAccounts;
	}

	/**
	 * The identifiers of {@link #unknownAccounts()}; each is unique across connections.
	 */
	public List<String> unknownIdentifiers() {
		return this.unknownAccounts.stream().map(AccountKey::identifier).toList();
	}

	public Optional<SandboxAccount> find(String connector, String identifier) {
		int index = indexOf(connector, identifier);
		return (index < 0) ? Optional.empty() : Optional.of(this.accounts.get(index));
	}

	public Optional<SandboxAccount> findById(String id) {
		int index = indexOfId(id);
		return (index < 0) ? Optional.empty() : Optional.of(this.accounts.get(index));
	}

	/** Position in {@link #accounts()}, or -1. */
	int indexOf(String connector, String identifier) {
		return this.indexByKey.getOrDefault(new AccountKey(connector, identifier), -1);
	}

	/** Position in {@link #accounts()}, or -1. */
	int indexOfId(String id) {
		return this.indexById.getOrDefault(id, -1);
	}

	/** The accounts in the given scenario, in fleet order. */
	public List<SandboxAccount> withScenario(Scenario scenario) {
		return this.accounts.stream().filter((account) -> account.scenario() == scenario).toList();
	}

	/**
	 * Writes the audit's input CSV: one row per account, then the unknown pairs. RFC
	 * 4180, UTF-8 without BOM, CRLF line breaks.
	 */
	public void writeInputCsv(Path file) throws IOException {
		CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(CSV_HEADER.toArray(String[]::new)).get();
		try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
				CSVPrinter printer = new CSVPrinter(writer, format)) {
			for (SandboxAccount account : this.accounts) {
				printer.printRecord(account.identifier(), account.connector(), account.email(), account.userId());
			}
			for (int i = 0; i < this.unknownAccounts.size(); i++) {
				AccountKey unknown = this.unknownAccounts.get(i);
				printer.printRecord(unknown.identifier(), unknown.connector(), ghostEmail(i + 1), ghostUserId(i + 1));
			}
			for (List<String> bad : badRows()) {
				printer.printRecord(bad);
			}
		}
	}

	/**
	 * Input rows that an audit must reject rather than audit, so the demo shows
	 * {@code rejects.csv} at work: an empty identifier, a connection no policy for this
	 * fleet knows, and the first account listed a second time.
	 */
	public List<List<String>> badRows() {
		List<List<String>> rows = new java.util.ArrayList<>();
		rows.add(List.of("", "gmail", "nobody@example.com", ""));
		rows.add(List.of("user-notion@example.com", "notion", "user-notion@example.com", "usr_notion"));
		if (!this.accounts.isEmpty()) {
			SandboxAccount first = this.accounts.get(0);
			rows.add(List.of(first.identifier(), first.connector(), first.email(), first.userId()));
		}
		return rows;
	}

	/**
	 * First every scenario once (generic ones on rotating connections), then the generic
	 * scenarios on the remaining connections: a small fleet still covers every scenario,
	 * a fleet of 65 or more covers every combination.
	 */
	private static List<Draft> mandatoryDrafts() {
		List<Draft> first = new ArrayList<>();
		List<Draft> rest = new ArrayList<>();
		Scenario[] scenarios = Scenario.values();
		for (int i = 0; i < scenarios.length; i++) {
			Scenario scenario = scenarios[i];
			if (scenario.onlyOn().isPresent()) {
				first.add(new Draft(scenario.onlyOn().get(), scenario));
				continue;
			}
			SandboxConnection primary = CONNECTIONS[i % CONNECTIONS.length];
			first.add(new Draft(primary, scenario));
			for (SandboxConnection connection : CONNECTIONS) {
				if (connection != primary) {
					rest.add(new Draft(connection, scenario));
				}
			}
		}
		first.addAll(rest);
		return first;
	}

	private static Scenario drawScenario(SandboxConnection connection, Random random) {
		List<Scenario> candidates = Arrays.stream(Scenario.values())
			.filter((scenario) -> scenario.appliesTo(connection) && scenario.weight() > 0)
			.toList();
		int total = candidates.stream().mapToInt(Scenario::weight).sum();
		int pick = random.nextInt(total);
		for (Scenario scenario : candidates) {
			pick -= scenario.weight();
			if (pick < 0) {
				return scenario;
			}
		}
		throw new IllegalStateException("weights exhausted");
	}

	/**
	 * About 2% of the fleet size, at least one per connection, spread round-robin over
	 * the connections.
	 */
	private static List<AccountKey> unknownAccounts(int accounts) {
		if (accounts == 0) {
			return List.of();
		}
		int count = Math.max(CONNECTIONS.length, Math.round(accounts * 0.02f));
		List<AccountKey> unknown = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			SandboxConnection connection = CONNECTIONS[i % CONNECTIONS.length];
			String identifier = usesEmail(connection) ? ghostEmail(i + 1) : ghostUserId(i + 1);
			unknown.add(new AccountKey(connection.connectionName(), identifier));
		}
		return unknown;
	}

	private static boolean usesEmail(SandboxConnection connection) {
		return connection == SandboxConnection.GMAIL || connection == SandboxConnection.OUTLOOK;
	}

	private static String ghostEmail(int number) {
		return String.format("ghost%04d@example.com", number);
	}

	private static String ghostUserId(int number) {
		return String.format("usr_ghost_%04d", number);
	}

	private record Draft(SandboxConnection connection, Scenario scenario) {

		SandboxAccount toAccount(int number, long id, String connectionId, Random random) {
			String userId = String.format("usr_%04d", number);
			// Some Gmail identifiers carry a "+" alias: clients must percent-encode it in
			// query strings.
			boolean alias = this.connection == SandboxConnection.GMAIL && number % 7 == 0;
			String email = String.format(alias ? "user%04d+work@example.com" : "user%04d@example.com", number);
			String identifier = usesEmail(this.connection) ? email : userId;
			return new SandboxAccount("ca_" + id, identifier, this.connection.connectionName(),
					this.connection.provider(), connectionId, this.scenario, grantedScopes(random), email, userId,
					random.nextInt(60));
		}

		private List<String> grantedScopes(Random random) {
			if (this.scenario != Scenario.UNDER_SCOPED && this.scenario != Scenario.UNDER_SCOPED_PROBE_FORBIDDEN) {
				return this.connection.scopes();
			}
			List<String> scopes = new ArrayList<>(this.connection.scopes());
			if (this.scenario == Scenario.UNDER_SCOPED) {
				List<String> droppable = scopes.stream()
					.filter((scope) -> !scope.equals(this.connection.probeScope()))
					.toList();
				scopes.remove(droppable.get(random.nextInt(droppable.size())));
			}
			else if (this.scenario == Scenario.UNDER_SCOPED_PROBE_FORBIDDEN) {
				scopes.remove(this.connection.probeScope());
			}
			return scopes;
		}

	}

}
