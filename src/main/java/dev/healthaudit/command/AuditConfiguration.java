package dev.healthaudit.command;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.healthaudit.result.Stores;

/** The few shared beans of the application. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
class AuditConfiguration {

	@Bean
	static LazyConnections lazyConnections() {
		return new LazyConnections();
	}

	@Bean
	static DataDirectoryPermissions dataDirectoryPermissions() {
		return new DataDirectoryPermissions();
	}

	@Bean
	RecoveringMigration recoveringMigration() {
		return new RecoveringMigration();
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	Stores stores(DataSource dataSource) {
		return new Stores(dataSource);
	}

}
