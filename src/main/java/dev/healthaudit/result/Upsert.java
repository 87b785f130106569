package dev.healthaudit.result;

import java.util.Map;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * An update, and the insert that stands in for it when no row matched; both take the same
 * named parameters. Portable across H2 and PostgreSQL, where a MERGE is not (PostgreSQL
 * has it from version 15 only). Two writers inserting the same new row at once would
 * collide on its primary key: rows that several processes add to are created ahead of
 * time ({@link RunStore#prepareStats}), the others have one writer at a time.
 *
 * @param update the update, counting the rows it changed
 * @param insert the insert, run only when the update changed none
 */
record Upsert(String update, String insert) {

	/**
	 * Runs the update, or the insert when the update changed no row, in the caller's
	 * transaction.
	 */
	void apply(NamedParameterJdbcTemplate jdbc, Map<String, ?> parameters) {
		if (jdbc.update(this.update, parameters) == 0) {
			jdbc.update(this.insert, parameters);
		}
	}

}
