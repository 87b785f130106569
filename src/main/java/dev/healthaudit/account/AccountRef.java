package dev.healthaudit.account;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An account to audit, addressed as Scalekit addresses it:
 * {@code (connection name, identifier)}.
 *
 * @param extras the input's other columns (email, user id, ...), carried through to every
 * output row in input order
 */
public record AccountRef(String connectionName, String identifier, long line,
		Map<String, String> extras) implements InputRecord {

	public AccountRef {
		extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
	}

}
