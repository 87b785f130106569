package dev.healthaudit.account;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Which input columns hold the identifier and the connection name (case-insensitive, with aliases). */
final class ColumnNames {

	static final Set<String> IDENTIFIER = Set.of("identifier");

	static final Set<String> CONNECTION = Set.of("connection_name", "connector", "connection");

	private ColumnNames() {
	}

	/**
	 * The index of the one column whose name is in {@code names}.
	 * @param where names the input in error messages, e.g. {@code accounts.csv line 1}
	 */
	static int find(List<String> header, Set<String> names, String canonical, String where) {
		int found = -1;
		for (int i = 0; i < header.size(); i++) {
			if (names.contains(header.get(i).toLowerCase(Locale.ROOT))) {
				if (found >= 0) {
					throw new InvalidInputException(where + ": column '" + canonical + "' appears twice ('"
							+ header.get(found) + "' and '" + header.get(i) + "')");
				}
				found = i;
			}
		}
		if (found < 0) {
			throw new InvalidInputException(where + ": missing column '" + canonical + "' (columns: "
					+ String.join(",", header) + ")");
		}
		return found;
	}

}
