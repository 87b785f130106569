package dev.healthaudit.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The running server's accounts in fleet order, looked up by (connector, identifier) or by id. */
final class AccountDirectory {

	private final List<AccountState> states;

	private final Map<AccountKey, AccountState> byKey = new HashMap<>();

	private final Map<String, AccountState> byId = new HashMap<>();

	AccountDirectory(SandboxFleet fleet, long seed, Instant start) {
		this.states = new ArrayList<>(fleet.accounts().size());
		for (SandboxAccount account : fleet.accounts()) {
			AccountState state = new AccountState(account, seed, start);
			this.states.add(state);
			this.byKey.put(account.key(), state);
			this.byId.put(account.id(), state);
		}
	}

	List<AccountState> all() {
		return this.states;
	}

	Optional<AccountState> find(String connector, String identifier) {
		return Optional.ofNullable(this.byKey.get(new AccountKey(connector, identifier)));
	}

	Optional<AccountState> findById(String id) {
		return Optional.ofNullable(this.byId.get(id));
	}

	List<AccountState> withIdentifier(String identifier) {
		return this.states.stream().filter((state) -> state.account().identifier().equals(identifier)).toList();
	}

	/**
	 * Resolves the {@code id} or ({@code connector}, {@code identifier}) addressing every account route accepts:
	 * 400 when neither is complete, 404 when nothing matches.
	 */
	AccountState resolve(String id, String connector, String identifier, String notFoundMessage) {
		if (!id.isEmpty()) {
			return findById(id).orElseThrow(() -> ApiErrors.notFound(notFoundMessage));
		}
		if (connector.isEmpty()) {
			throw ApiErrors.invalidArgument("connector", "connector is required when id is not set", "required");
		}
		if (identifier.isEmpty()) {
			throw ApiErrors.invalidArgument("identifier", "identifier is required when id is not set", "required");
		}
		return find(connector, identifier).orElseThrow(() -> ApiErrors.notFound(notFoundMessage));
	}

}
