package dev.healthaudit.notify;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.healthaudit.support.FakeHttpReceiver;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookNotifierTests {

	@Test
	void postsTheRenderedNoticeAsJson() {
		try (FakeHttpReceiver webhook = FakeHttpReceiver.start()) {
			boolean sent = new WebhookNotifier(webhook.url("/services/T0/B0/secret"), NoticeFormat.JSON,
					Duration.ofSeconds(5))
				.send(NoticePayloadsTests.completedSandboxRun());
			assertThat(sent).isTrue();
			assertThat(webhook.requests()).singleElement().satisfies((request) -> {
				assertThat(request.method()).isEqualTo("POST");
				assertThat(request.path()).isEqualTo("/services/T0/B0/secret");
				assertThat(request.contentType()).startsWith("application/json");
				assertThat(request.body()).contains("\"needing_user_action\":40");
			});
		}
	}

	@Test
	void nonSuccessAnswerIsReportedNotThrown() {
		try (FakeHttpReceiver webhook = FakeHttpReceiver.start().answering(500)) {
			assertThat(new WebhookNotifier(webhook.url("/hook"), NoticeFormat.SLACK, Duration.ofSeconds(5))
				.send(NoticePayloadsTests.completedSandboxRun())).isFalse();
		}
	}

	@Test
	void slowWebhookTimesOut() {
		try (FakeHttpReceiver webhook = FakeHttpReceiver.start().after(Duration.ofSeconds(3))) {
			long started = System.nanoTime();
			assertThat(new WebhookNotifier(webhook.url("/hook"), NoticeFormat.SLACK, Duration.ofMillis(300))
				.send(NoticePayloadsTests.completedSandboxRun())).isFalse();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
		}
	}

	@Test
	void unreachableWebhookIsReportedNotThrown() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		assertThat(new WebhookNotifier(URI.create("http://127.0.0.1:" + closedPort + "/hook"), NoticeFormat.JSON,
				Duration.ofSeconds(1))
			.send(NoticePayloadsTests.failedRun())).isFalse();
	}

}
