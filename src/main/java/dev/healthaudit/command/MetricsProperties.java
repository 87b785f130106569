package dev.healthaudit.command;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a run's metrics go besides {@code summary.json}.
 *
 * @param pushgatewayUrl the Prometheus Pushgateway to push to at the end of a run, e.g.
 * {@code http://pushgateway:9091}; none when empty
 * @param timeout for connecting to the gateway and for its answer each
 */
@ConfigurationProperties("audit.metrics")
record MetricsProperties(@Nullable String pushgatewayUrl, @DefaultValue("5s") Duration timeout) {

	boolean pushes() {
		return this.pushgatewayUrl != null && !this.pushgatewayUrl.isBlank();
	}

}
