package dev.healthaudit.command;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chunk transaction takes no pooled connection until its first statement: the time its
 * accounts are audited (and wait for rate budgets) holds none.
 */
class LazyConnectionsTests {

	@Test
	void aTransactionHoldsNoConnectionUntilItsFirstStatement() {
		try (HikariDataSource pool = new HikariDataSource()) {
			pool.setJdbcUrl("jdbc:h2:mem:lazy-connections;DB_CLOSE_DELAY=-1");
			pool.setMaximumPoolSize(2);
			DataSource dataSource = (DataSource) new LazyConnections().postProcessAfterInitialization(pool,
					"dataSource");
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			new TransactionTemplate(new DataSourceTransactionManager(dataSource)).executeWithoutResult((status) -> {
				assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("while the chunk is processed")
					.isZero();
				jdbc.queryForObject("select 1", Integer.class);
				assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("once the writer runs").isOne();
			});
			assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("after the commit").isZero();
		}
	}

	@Test
	void leavesOtherBeansAndAnAlreadyLazyDataSourceAlone() {
		LazyConnections lazy = new LazyConnections();
		Object other = new Object();
		assertThat(lazy.postProcessAfterInitialization(other, "other")).isSameAs(other);
		try (HikariDataSource pool = new HikariDataSource()) {
			Object once = lazy.postProcessAfterInitialization(pool, "dataSource");
			assertThat(lazy.postProcessAfterInitialization(once, "dataSource")).isSameAs(once);
		}
	}

}
