package dev.healthaudit.sandbox;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The running server's account states in fleet order, looked up through the fleet's
 * indexes.
 */
final class AccountDirectory {

	private final SandboxFleet fleet;

	private final List<AccountState> states;

	AccountDirectory(SandboxFleet fleet, long seed, Instant start) {
		this.fleet = fleet;
		AccountState[] built = new AccountState[fleet.accounts().size()];
		for (int i = 0; i < built.length; i++) {
			built[i] = new AccountState(fleet.accounts().get(i), seed, start);
		}
		this.states = Arrays.asList(built);
	}

	List<AccountState> all() {
		return this.states;
	}

	Optional<AccountState> find(String connector, String identifier) {
		return at(this.fleet.indexOf(connector, identifier));
	}

	Optional<AccountState> findById(String id) {
		return at(this.fleet.indexOfId(id));
	}

	private Optional<AccountState> at(int index) {
		return (index < 0) ? Optional.empty() : Optional.of(this.states.get(index));
	}

	List<AccountState> withIdentifier(String identifier) {
		return this.states.stream().filter((state) -> state.account().identifier().equals(identifier)).toList();
	}

	/**
	 * Resolves the {@code id} or ({@code connector}, {@code identifier}) addressing every
	 * account route accepts: 400 when neither is complete, 404 when nothing matches.
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
