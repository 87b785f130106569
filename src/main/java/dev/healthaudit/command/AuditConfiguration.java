package dev.healthaudit.command;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.healthaudit.result.ResultStore;

/** The few shared beans of the application. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
class AuditConfiguration {

	@Bean
	static LazyConnections lazyConnections() {
		return new LazyConnections();
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	ResultStore resultStore(DataSource dataSource) {
		return new ResultStore(dataSource);
	}

}
