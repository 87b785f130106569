package dev.healthaudit.metrics;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.healthaudit.scalekit.Route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class MeterValuesTests {

	@Test
	void flattensCountersAndTimersByNameAndTags() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		AuditMetrics metrics = new AuditMetrics(registry);
		metrics.afterCall(Route.GET_ACCOUNT, "gmail", 200);
		metrics.afterCall(Route.GET_ACCOUNT, "gmail", 200);
		metrics.afterCall(Route.EXECUTE_TOOL, "gmail", 0);
		metrics.bindRetries(() -> 7);
		metrics.runEnded(Duration.ofMillis(1500), "COMPLETED");
		registry.counter("jvm.unrelated").increment();
		Map<String, Double> values = MeterValues.ofTheRun(registry);
		assertThat(values).containsOnly(
				entry("audit.api.calls{route=GET /api/v1/connected_accounts/auth,status=200}", 2.0),
				entry("audit.api.calls{route=POST /api/v1/execute_tool,status=none}", 1.0), entry("audit.retries", 7.0),
				entry("audit.run.duration.count{outcome=completed}", 1.0),
				entry("audit.run.duration.total_seconds{outcome=completed}", 1.5),
				entry("audit.run.duration.max_seconds{outcome=completed}", 1.5));
	}

}
