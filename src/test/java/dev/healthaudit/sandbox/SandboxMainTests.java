package dev.healthaudit.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SandboxMainTests {

	@Test
	void optionsOverrideTheDefaults() {
		SandboxSettings settings = SandboxMain.settings(SandboxMain.options(new String[] { "--port=18099",
				"--accounts=5000", "--seed=7", "--latency=500ms", "--requests-per-minute=3000",
				"--slow-probe-delay=2s", "--token-lifetime=1h", "--write-input=/tmp/x.csv" }));
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

}
