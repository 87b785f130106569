package dev.healthaudit.result;

import java.util.UUID;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

/** {@link RunHistoryContract} on H2, the default database. */
class RunHistoryTests extends RunHistoryContract {

	private final JdbcDataSource dataSource = new JdbcDataSource();

	RunHistoryTests() {
		this.dataSource.setURL("jdbc:h2:mem:history-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
	}

	@Override
	DataSource dataSource() {
		return this.dataSource;
	}

}
