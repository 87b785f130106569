package dev.healthaudit.result;

import java.util.List;

import javax.sql.DataSource;

import dev.healthaudit.support.TestPostgres;

/**
 * {@link RunHistoryContract} on PostgreSQL, the production database: the same SQL must
 * mean the same there.
 */
class RunHistoryPostgresIntegrationTests extends RunHistoryContract {

	private DataSource dataSource;

	@Override
	DataSource dataSource() {
		if (this.dataSource == null) {
			List<String> arguments = TestPostgres.newDatabaseArguments();
			String url = arguments.get(0);
			String name = url.substring(url.lastIndexOf('/') + 1).replaceFirst("\\?.*", "");
			this.dataSource = TestPostgres.server().getDatabase("postgres", name);
		}
		return this.dataSource;
	}

}
