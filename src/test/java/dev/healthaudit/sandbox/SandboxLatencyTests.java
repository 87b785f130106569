package dev.healthaudit.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Latency with jitter: each answer's delay drawn uniformly around the latency. */
class SandboxLatencyTests {

	@Test
	void latencyIsUniformAroundTheLatencyAndNeverNegative() {
		SandboxSettings settings = SandboxSettings.defaults()
			.withLatencyJitter(Duration.ofMillis(20))
			.withLatency(Duration.ofMillis(100));
		assertThat(settings.latencyFor(0)).isEqualTo(Duration.ofMillis(80));
		assertThat(settings.latencyFor(0.25)).isEqualTo(Duration.ofMillis(90));
		assertThat(settings.latencyFor(0.5)).isEqualTo(Duration.ofMillis(100));
		assertThat(settings.latencyFor(Math.nextDown(1.0))).isEqualTo(Duration.ofMillis(120));
		SandboxSettings wide = settings.withLatencyJitter(Duration.ofMillis(150));
		assertThat(wide.latencyFor(0)).isEqualTo(Duration.ZERO);
		assertThat(SandboxSettings.defaults().withLatency(Duration.ofMillis(100)).latencyFor(0.9))
			.as("no jitter: the latency")
			.isEqualTo(Duration.ofMillis(100));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SandboxSettings.defaults().withLatencyJitter(Duration.ofMillis(-1)));
	}

	@Test
	void answersComeWithinTheJitteredLatencyAndNotAllAlike() {
		SandboxSettings settings = SandboxSettings.defaults()
			.withLatency(Duration.ofMillis(100))
			.withLatencyJitter(Duration.ofMillis(50));
		try (SandboxServer server = SandboxServer.start(settings)) {
			TestHttp http = new TestHttp(server);
			http.token();
			List<Duration> took = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				long started = System.nanoTime();
				assertThat(http.get("/api/v1/tools", "").statusCode()).isEqualTo(200);
				took.add(Duration.ofNanos(System.nanoTime() - started));
			}
			// a busy machine only adds time: the lower bound is exact, the spread of 20
			// uniform draws over
			// 100 ms is below 20 ms with a chance of about 1 in 10^12
			assertThat(Collections.min(took)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
			assertThat(Collections.max(took).minus(Collections.min(took))).isGreaterThan(Duration.ofMillis(20));
		}
	}

}
