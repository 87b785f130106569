package dev.healthaudit.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SandboxMainTests {

	@Test
	void optionsOverrideTheDefaults() {
		SandboxSettings settings = SandboxMain.settings(SandboxMain.options(new String[] { "--port=18099",
				"--accounts=5000", "--seed=7", "--latency=500ms", "--requests-per-minute=3000", "--slow-probe-delay=2s",
				"--token-lifetime=1h", "--write-input=/tmp/x.csv" }));
		assertThat(settings).isEqualTo(SandboxSettings.defaults()
			.withPort(18099)
			.withAccounts(5000)
			.withSeed(7)
			.withLatency(Duration.ofMillis(500))
			.withRequestsPerMinute(3000)
			.withSlowProbeDelay(Duration.ofSeconds(2))
			.withTokenLifetime(Duration.ofHours(1)));
	}

	@Test
	void optionsForARealisticEnvironment() {
		SandboxSettings settings = SandboxMain.settings(SandboxMain.options(new String[] { "--latency=100ms",
				"--latency-jitter=20ms", "--requests-per-minute=6300", "--limit-schedule=30s:0.4761905:30s",
				"--noise-auth-rate-limited=0.01", "--noise-provider-rate-limited=0.02", "--noise-server-error=0.03",
				"--noise-max-burst=3", "--noise-seed=9", "--request-log=requests.csv", "--timeline=timeline.csv" }));
		assertThat(settings).isEqualTo(SandboxSettings.defaults()
			.withLatency(Duration.ofMillis(100))
			.withLatencyJitter(Duration.ofMillis(20))
			.withRequestsPerMinute(6300)
			.withLimitSchedule(new LimitSchedule(
					List.of(new LimitSchedule.Step(Duration.ofSeconds(30), 0.4761905, Duration.ofSeconds(30)))))
			.withNoise(new NoisePlan(0.01, 0.02, 0.03, 3, 9))
			.withRequestLog(Path.of("requests.csv")));
		assertThat(SandboxMain.settings(SandboxMain.options(new String[] { "--limiter=bucket" })).limiter())
			.isEqualTo(Limiter.BUCKET);
		assertThat(SandboxSettings.defaults().limiter()).isEqualTo(Limiter.WINDOW);
	}

	@Test
	void realisticOptionsAreCheckedToo() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SandboxMain.settings(SandboxMain.options(new String[] { "--noise-server-error=3" })))
			.withMessageContaining("server-error");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SandboxMain.settings(SandboxMain.options(new String[] { "--limiter=leaky" })))
			.withMessageContaining("window or bucket");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SandboxMain.settings(SandboxMain.options(new String[] { "--limit-schedule=30s" })))
			.withMessageContaining("<start>:<factor>:<length>");
	}

	@Test
	@Timeout(60)
	void aWarmUpIsServedByAThrowawaySandboxAndLeavesTheSettingsAlone() throws Exception {
		assertThat(SandboxMain.settings(SandboxMain.options(new String[] { "--warm-up=300", "--accounts=40" })))
			.isEqualTo(SandboxSettings.defaults().withAccounts(40));
		assertThat(SandboxWarmUp.run(40, 300)).isEqualTo(300);
	}

	@Test
	void unknownOrMalformedOptionsAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SandboxMain.settings(SandboxMain.options(new String[] { "--acounts=5" })))
			.withMessageContaining("--acounts");
		assertThatIllegalArgumentException().isThrownBy(() -> SandboxMain.options(new String[] { "accounts=5" }));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SandboxMain.settings(SandboxMain.options(new String[] { "--accounts=many" })));
	}

	@Test
	void describesWhereAndHowToConnect() {
		try (SandboxServer server = SandboxServer.start(SandboxSettings.defaults().withAccounts(10))) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			SandboxMain.describe(server, null, new PrintStream(out, true, StandardCharsets.UTF_8));
			assertThat(out.toString(StandardCharsets.UTF_8)).contains("SCALEKIT_ENVIRONMENT_URL=" + server.baseUrl())
				.contains("SCALEKIT_CLIENT_ID=sandbox-client")
				.contains("SCALEKIT_CLIENT_SECRET=sandbox-secret")
				.contains("simulator");
		}
	}

	@Test
	void describesTheLimitAndTheNoise() {
		SandboxSettings settings = SandboxSettings.defaults()
			.withAccounts(10)
			.withRequestsPerMinute(6000)
			.withLimitSchedule(LimitSchedule.parse("30s:0.5:30s"))
			.withNoise(NoisePlan.none().withServerError(0.03));
		try (SandboxServer server = SandboxServer.start(settings)) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			SandboxMain.describe(server, null, new PrintStream(out, true, StandardCharsets.UTF_8));
			assertThat(out.toString(StandardCharsets.UTF_8))
				.contains("requests-per-minute=6000 limiter=window limit-schedule=30s:0.5:30s")
				.contains(
						"noise: auth-rate-limited=0.0 provider-rate-limited=0.0 server-error=0.03 max-burst=2 seed=1");
		}
	}

}
