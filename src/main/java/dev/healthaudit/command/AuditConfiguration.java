package dev.healthaudit.command;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.healthaudit.result.Stores;
import dev.healthaudit.run.PolicyLeases;
import dev.healthaudit.run.RunAssembly;
import dev.healthaudit.run.RunSettings;
import dev.healthaudit.run.ShutdownSignal;

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

	@Bean
	PolicyLeases policyLeases(DataSource dataSource, Clock clock, AuditProperties properties) {
		return new PolicyLeases(dataSource, clock, properties.leaseTtl());
	}

	@Bean
	RunAssembly runAssembly(Stores stores, DataSource dataSource, Clock clock, AuditProperties properties,
			RunTelemetry telemetry, ShutdownSignal shutdown) {
		RunSettings settings = new RunSettings(properties.chunkSize(), properties.progressInterval(),
				properties.maxRejectShare());
		return new RunAssembly(stores, dataSource, clock, settings, telemetry.metrics(), shutdown);
	}

}
