package dev.healthaudit.account;

import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import dev.healthaudit.policy.Excerpt;

/** The rules every source applies to a raw record before it is audited. */
final class InputRecords {

	private InputRecords() {
	}

	static InputRecord of(long line, @Nullable String rawIdentifier, @Nullable String rawConnection,
			Map<String, String> extras, String raw, Predicate<String> knownConnection) {
		String identifier = (rawIdentifier == null) ? "" : rawIdentifier.strip();
		String connection = (rawConnection == null) ? "" : rawConnection.strip();
		if (connection.isEmpty()) {
			return new RejectedInput(line, "empty_connection_name", raw);
		}
		if (identifier.isEmpty()) {
			return new RejectedInput(line, "empty_identifier", raw);
		}
		Optional<String> control = controlCharacter(identifier).or(() -> controlCharacter(connection));
		if (control.isPresent()) {
			// control characters in a key would reach API queries, log lines and
			// terminals; no real identifier has one
			return new RejectedInput(line,
					"malformed: control character " + control.get() + " in identifier or " + "connection name", raw);
		}
		if (!knownConnection.test(connection)) {
			// the reason reaches the log in the reject-share refusal: an excerpt, raw
			// keeps the whole record
			return new RejectedInput(line, "unknown_connection: " + Excerpt.of(connection), raw);
		}
		return new AccountRef(connection, identifier, line, extras);
	}

	private static Optional<String> controlCharacter(String value) {
		return value.codePoints()
			.filter((c) -> Character.getType(c) == Character.CONTROL)
			.mapToObj((c) -> String.format("U+%04X", c))
			.findFirst();
	}

}
