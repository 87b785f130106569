package dev.healthaudit.account;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.healthaudit.ratelimit.Backoff;
import dev.healthaudit.ratelimit.Retries;
import dev.healthaudit.scalekit.CallListener;
import dev.healthaudit.scalekit.ScalekitClient;
import dev.healthaudit.scalekit.ScalekitCredentials;
import dev.healthaudit.scalekit.ScalekitTimeouts;
import dev.healthaudit.support.HostileHttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The Scalekit list source against a list API that misbehaves. */
class ScalekitAccountSourceTests {

	private static final Retries NO_RETRY = new Retries(new Backoff(1, Duration.ZERO, Duration.ZERO, () -> 0),
			(duration) -> {
			}, (failed) -> {
			});

	private final HostileHttpServer server = HostileHttpServer.start();

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void aPageTokenHandedOutASecondTimeEndsTheListingWithAClearErrorInsteadOfPagingForEver() {
		this.server.token("access-token-of-test", "3600");
		this.server.route("/api/v1/connected_accounts", (request, reply) -> reply.json(200, """
				{"connected_accounts": [{"id": "ca_1", "identifier": "user-%s", "connector": "gmail",
				"provider": "google", "status": "ACTIVE"}], "total_size": 1000, "next_page_token": "same"}"""
			.formatted(request.queryParam("page_token"))));
		ScalekitClient client = new ScalekitClient(
				new ScalekitCredentials(this.server.baseUrl(), "client-id", "client-secret-of-test"),
				new ScalekitTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5)),
				CallListener.NONE, Clock.systemUTC());
		ScalekitAccountSource source = new ScalekitAccountSource(client, List.of(), NO_RETRY, "gmail"::equals);

		assertThat(source.next()).isPresent();
		assertThat(source.next()).isPresent();
		assertThatIllegalStateException().isThrownBy(source::next)
			.withMessageContaining("a second time, after 2 pages");
		assertThat(this.server.requestCount("/api/v1/connected_accounts")).isEqualTo(2);
	}

}
