package dev.healthaudit.command;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * Wraps the application's {@link DataSource} so that a transaction takes a pooled
 * connection only when its first statement runs. Spring Batch 6 opens a chunk's
 * transaction before it reads the chunk and commits it after the writer: the accounts are
 * audited (and wait for rate budgets) in between, on worker threads. Without this, the
 * step thread would hold a pooled connection for the whole chunk; with it, a chunk from a
 * CSV file takes one only to write its results and checkpoint.
 */
final class LazyConnections implements BeanPostProcessor {

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource && !(bean instanceof LazyConnectionDataSourceProxy)) {
			return new LazyConnectionDataSourceProxy(dataSource);
		}
		return bean;
	}

}
