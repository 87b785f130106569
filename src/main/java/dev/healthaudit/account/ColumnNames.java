package dev.healthaudit.account;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.healthaudit.policy.Excerpt;

/**
 * Which input columns hold the identifier and the connection name (case-insensitive, with
 * aliases), and which of the others are carried through to the outputs. Messages about a
 * header never quote it whole: a header is the first line of whatever file was given (a
 * symlink to a secret, a 60 MB line), so they name the offending column as a short
 * escaped {@link Excerpt} and otherwise only count.
 */
final class ColumnNames {

	static final Set<String> IDENTIFIER = Set.of("identifier");

	static final Set<String> CONNECTION = Set.of("connection_name", "connector", "connection");

	/**
	 * Every column the job writes itself, in any output that carries input columns
	 * ({@code accounts.csv} and its subsets, {@code reauth-campaign.csv},
	 * {@code access-review.csv}; product §5): an input column of the same name would make
	 * a header name twice. {@code ColumnNamesTests} checks that the report's column lists
	 * stay inside.
	 */
	static final Set<String> PRODUCT_COLUMNS = Set.of("connection_name", "identifier", "account_id", "status", "health",
			"findings", "missing_scopes", "granted_scopes", "probe_tool", "probe_outcome", "http_status", "error_code",
			"detail", "recommended_action", "checked_at", "health_since", "previous_health", "reason", "user_message",
			"authorization_link", "link_expires_at", "times_asked", "excess_scopes", "last_used_at", "unused_days");

	/**
	 * Authorization links are bearer secrets that belong in {@code reauth-campaign.csv}
	 * only: fed back as input (that file given as {@code --input}), they must not be
	 * carried into {@code accounts.csv} and every other output.
	 */
	static final Set<String> LINK_COLUMNS = Set.of("authorization_link", "link_expires_at");

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
					throw new InvalidInputException(where + ": column '" + canonical + "' appears twice ("
							+ Excerpt.quoted(header.get(found)) + " and " + Excerpt.quoted(header.get(i)) + ")");
				}
				found = i;
			}
		}
		if (found < 0) {
			throw new InvalidInputException(where + ": missing column '" + canonical + "' (accepted names: "
					+ String.join(", ", names.stream().sorted().toList()) + "; the header has " + header.size()
					+ ((header.size() == 1) ? " column" : " columns") + ")");
		}
		return found;
	}

	/**
	 * Refuses a header that names a column twice (case-insensitively): its values could
	 * not be told apart.
	 * @param where names the input in the message
	 */
	static void requireDistinct(List<String> header, String where) {
		Map<String, String> seen = new HashMap<>();
		for (String name : header) {
			String previous = seen.put(name.toLowerCase(Locale.ROOT), name);
			if (previous != null) {
				throw new InvalidInputException(where + ": column " + Excerpt.quoted(name) + " appears twice (column "
						+ "names are case-insensitive)");
			}
		}
	}

	/**
	 * The columns carried through: every column but the key columns, and but those named
	 * like a product column or a link column (case-insensitively), which are dropped.
	 * @param header the input's column names, distinct
	 * @param identifierColumn index of the identifier column
	 * @param connectionColumn index of the connection name column
	 */
	static PassThrough passThrough(List<String> header, int identifierColumn, int connectionColumn) {
		Map<Integer, String> carried = new LinkedHashMap<>();
		List<String> dropped = new ArrayList<>();
		for (int i = 0; i < header.size(); i++) {
			if (i == identifierColumn || i == connectionColumn) {
				continue;
			}
			String name = header.get(i);
			String lower = name.toLowerCase(Locale.ROOT);
			if (PRODUCT_COLUMNS.contains(lower) || LINK_COLUMNS.contains(lower)) {
				dropped.add(name);
			}
			else {
				carried.put(i, name);
			}
		}
		return new PassThrough(carried, dropped);
	}

	/**
	 * What {@link #passThrough} decided.
	 *
	 * @param columns the carried columns by index, in input order
	 * @param dropped the names of the columns not carried, in input order
	 */
	record PassThrough(Map<Integer, String> columns, List<String> dropped) {

		PassThrough {
			columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
			dropped = List.copyOf(dropped);
		}

	}

}
