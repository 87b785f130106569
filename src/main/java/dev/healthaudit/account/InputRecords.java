package dev.healthaudit.account;

import java.util.Map;
import java.util.function.Predicate;

/** The rules every source applies to a raw record before it is audited. */
final class InputRecords {

	private InputRecords() {
	}

	static InputRecord of(long line, String rawIdentifier, String rawConnection, Map<String, String> extras,
			String raw, Predicate<String> knownConnection) {
		String identifier = (rawIdentifier == null) ? "" : rawIdentifier.strip();
		String connection = (rawConnection == null) ? "" : rawConnection.strip();
		if (connection.isEmpty()) {
			return new RejectedInput(line, "empty_connection_name", raw);
		}
		if (identifier.isEmpty()) {
			return new RejectedInput(line, "empty_identifier", raw);
		}
		if (!knownConnection.test(connection)) {
			return new RejectedInput(line, "unknown_connection: " + connection, raw);
		}
		return new AccountRef(connection, identifier, line, extras);
	}

}
