package dev.healthaudit.metrics;

import java.time.Duration;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.healthaudit.scalekit.Route;
import dev.healthaudit.support.FakeHttpReceiver;

import static org.assertj.core.api.Assertions.assertThat;

class PushgatewayPushTests {

	@Test
	void putsTheRegistryInTextFormatUnderJobAndPolicy() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		new AuditMetrics(registry).afterCall(Route.TOKEN, "", 200);
		try (FakeHttpReceiver gateway = FakeHttpReceiver.start()) {
			assertThat(new PushgatewayPush(gateway.url("/"), Duration.ofSeconds(5))
				.push(registry.getPrometheusRegistry(), "nightly")).isTrue();
			assertThat(gateway.requests()).singleElement().satisfies((request) -> {
				assertThat(request.method()).isEqualTo("PUT");
				assertThat(request.path()).isEqualTo("/metrics/job/account_health_audit/policy/nightly");
				assertThat(request.body())
					.contains("audit_api_calls_total{route=\"POST /oauth/token\",status=\"200\"} 1");
			});
		}
	}

	@Test
	void gatewayErrorIsReportedNotThrown() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		try (FakeHttpReceiver gateway = FakeHttpReceiver.start().answering(503)) {
			assertThat(new PushgatewayPush(gateway.url("/"), Duration.ofSeconds(5))
				.push(registry.getPrometheusRegistry(), "nightly")).isFalse();
		}
	}

}
