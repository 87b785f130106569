package dev.healthaudit.command;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.healthaudit.support.FakeHttpReceiver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run that fails still tells the webhook and the Pushgateway what it can, and keeps its
 * exit code.
 */
class FailureNotificationIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path work;

	@Test
	void unreachableScalekitIsNotifiedWithTheFailureLineAndExitsOne() throws IOException {
		Path input = Files.writeString(this.work.resolve("in.csv"), "identifier,connection_name\nu1,gmail\n");
		try (FakeHttpReceiver webhook = FakeHttpReceiver.start()) {
			AuditApp.Result result = AuditApp.run("--policy=jobs/sandbox.yml", "--input=" + input,
					"--reports-dir=" + this.work.resolve("reports"), "--audit.data-dir=" + this.work.resolve("data"),
					"--SCALEKIT_ENVIRONMENT_URL=http://127.0.0.1:" + closedPort(), "--SCALEKIT_CLIENT_ID=skc_test",
					"--SCALEKIT_CLIENT_SECRET=test-client-secret-value",
					"--audit.notify.webhook-url=" + webhook.url("/hook"), "--audit.notify.format=json",
					// nothing listens there: the push fails, and that must not matter
					// either
					"--audit.metrics.pushgateway-url=http://127.0.0.1:" + closedPort());
			assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
			assertThat(result.output()).contains("could not push metrics to the Pushgateway at 127.0.0.1");
			assertThat(webhook.requests()).singleElement().satisfies((request) -> {
				JsonNode notice = JSON.readTree(request.body());
				assertThat(notice.get("outcome").asString()).isEqualTo("failed");
				assertThat(notice.get("policy").asString()).isEqualTo("sandbox");
				assertThat(notice.get("failure").asString()).startsWith("cannot reach Scalekit at http://127.0.0.1:");
				assertThat(notice.get("accounts").isNull()).isTrue();
				assertThat(request.body()).doesNotContain("test-client-secret-value");
			});
		}
	}

	@Test
	void invalidWebhookUrlIsInvalidConfigurationAndNotQuoted() {
		AuditApp.Result result = AuditApp.run("--sandbox", "--reports-dir=" + this.work.resolve("reports"),
				"--audit.data-dir=" + this.work.resolve("data"),
				"--audit.notify.webhook-url=hooks.example/services/secret-path");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).contains("audit.notify.webhook-url must be an http:// or https:// URL")
			.doesNotContain("secret-path");
	}

	@Test
	void jsonLogsKeepAStackTraceInsideItsEvent() throws IOException {
		// no database listens there: start-up fails and Spring Boot logs the exception
		AuditApp.Result result = AuditApp.run("--sandbox", "--logging.structured.format.console=ecs",
				"--spring.datasource.url=jdbc:h2:tcp://127.0.0.1:" + closedPort() + "/nothing");
		assertThat(result.exitCode()).isEqualTo(1);
		List<JsonNode> events = new ArrayList<>();
		for (String line : result.output().split("\\R")) {
			if (!line.isBlank()) {
				events.add(JSON.readTree(line));
			}
		}
		assertThat(events).anySatisfy((event) -> {
			assertThat(event.get("log").get("level").asString()).isEqualTo("ERROR");
			assertThat(event.get("error").get("stack_trace").asString()).contains("\n\tat ");
		});
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
