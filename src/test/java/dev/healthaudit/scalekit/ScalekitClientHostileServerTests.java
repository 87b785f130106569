package dev.healthaudit.scalekit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import dev.healthaudit.ratelimit.AttemptTally;
import dev.healthaudit.ratelimit.Backoff;
import dev.healthaudit.ratelimit.Retries;
import dev.healthaudit.support.HostileHttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The client against a server that misbehaves on purpose (issue 13): every exchange ends,
 * within its deadline, as one of the client's outcomes; nothing hangs, throws, overflows
 * or holds more than a route's limit; our secrets never come back out of it. Deadline
 * tests use one-second timeouts, so each test takes a second or two.
 */
@Timeout(30)
class ScalekitClientHostileServerTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

	/**
	 * For the tests of deadlines: short, yet long enough for a cold JVM on a busy machine
	 * to fetch a token.
	 */
	private static final ScalekitTimeouts SHORT = new ScalekitTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1),
			Duration.ofMillis(1500));

	/** For every other test: nothing of it should time out. */
	private static final ScalekitTimeouts TIMEOUTS = new ScalekitTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5),
			Duration.ofSeconds(5));

	private static final String ACCESS_TOKEN = "sk-access-3f9c1b7e2d4a4c0b9e5f";

	private static final String CLIENT_SECRET = "test-client-secret-8d2e6f1a";

	private static final String ACCOUNT = "{\"connected_account\":{\"id\":\"ca_1\",\"identifier\":\"a@example.com\","
			+ "\"connector\":\"gmail\",\"status\":\"ACTIVE\"}}";

	private static final String AUTH = "/api/v1/connected_accounts/auth";

	private static final String TOOL = "/api/v1/execute_tool";

	private final HostileHttpServer server = HostileHttpServer.start();

	private final List<CallListener.Ending> endings = new CopyOnWriteArrayList<>();

	private final ScalekitClient client = new ScalekitClient(
			new ScalekitCredentials(this.server.baseUrl(), "client-id", CLIENT_SECRET), TIMEOUTS, new CallListener() {
				@Override
				public void afterCall(Route route, String connector, CallListener.Ending ending) {
					ScalekitClientHostileServerTests.this.endings.add(ending);
				}
			}, CLOCK);

	private final ScalekitClient impatient = new ScalekitClient(
			new ScalekitCredentials(this.server.baseUrl(), "client-id", CLIENT_SECRET), SHORT, CallListener.NONE,
			CLOCK);

	@AfterEach
	void stop() {
		this.server.close();
	}

	// 1. deadlines for the whole exchange

	@Test
	void bodyDrippedOneByteASecondTimesOutAtTheDeadline() {
		this.server.token(ACCESS_TOKEN, "3600")
			.route(AUTH, (request, reply) -> reply.head(200, "Content-Length: " + ACCOUNT.length())
				.drip(ACCOUNT.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(1)));
		long started = System.nanoTime();
		ApiFailure failure = failure(this.impatient.getAccount("gmail", "a@example.com"));
		assertThat(failure).isInstanceOf(ApiFailure.TimedOut.class);
		assertThat(failure.isTransient()).isTrue();
		// connect timeout + read timeout
		assertThat(failure.describe()).isEqualTo("timed out: no complete answer within 2 s");
		assertThat(elapsedSince(started)).isLessThan(Duration.ofMillis(4000));
		awaitHangUps(1);
	}

	@Test
	void toolAnswerDrippedTimesOutAtTheToolDeadline() {
		this.server.token(ACCESS_TOKEN, "3600")
			.route(TOOL, (request, reply) -> reply.head(200, "Transfer-Encoding: chunked")
				.drip("5\r\n{\"dat\r\n".repeat(200).getBytes(StandardCharsets.UTF_8), Duration.ofMillis(100)));
		long started = System.nanoTime();
		ApiFailure failure = failure(this.impatient.executeTool("gmail_get_profile", Map.of(), "gmail", "a"));
		assertThat(failure).isInstanceOf(ApiFailure.TimedOut.class);
		assertThat(failure.describe()).isEqualTo("timed out: no complete answer within 2500 ms");
		assertThat(elapsedSince(started)).isLessThan(Duration.ofMillis(4500));
		awaitHangUps(1);
	}

	@Test
	void headersThatNeverComeTimeOut() {
		this.server.token(ACCESS_TOKEN, "3600").route(AUTH, (request, reply) -> reply.hold());
		ApiFailure failure = failure(this.impatient.getAccount("gmail", "a"));
		assertThat(failure).isInstanceOf(ApiFailure.TimedOut.class);
		assertThat(failure.describe()).isEqualTo("timed out: no answer within 1 s");
	}

	@Test
	void aHangingTokenEndpointHoldsEveryThreadForOneDeadlineOnly() throws Exception {
		this.server.route("/oauth/token", (request, reply) -> reply.hold());
		ExecutorService threads = Executors.newFixedThreadPool(6);
		long started = System.nanoTime();
		List<Future<CallResult<ConnectedAccount>>> calls = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			calls.add(threads.submit(() -> this.impatient.getAccount("gmail", "a")));
		}
		for (Future<CallResult<ConnectedAccount>> call : calls) {
			assertThat(failure(call.get())).isInstanceOf(ApiFailure.TimedOut.class);
		}
		threads.shutdown();
		// one deadline each for at most a couple of fetches, not one per waiting thread
		// in turn
		assertThat(this.server.requestCount("/oauth/token")).isLessThanOrEqualTo(2);
		assertThat(elapsedSince(started)).isLessThan(Duration.ofMillis(3500));
		assertThat(this.server.requestCount(AUTH)).isZero();
	}

	// 2. size limits

	@Test
	void fiftyMegabyteAccountAnswerIsTooLargeAndNotRead() {
		this.server.token(ACCESS_TOKEN, "3600")
			.route(AUTH, (request, reply) -> reply.head(200, "Content-Length: " + 50_000_000)
				.stream(50_000_000, (byte) ' '));
		ApiFailure failure = failure(this.client.getAccount("gmail", "a"));
		assertThat(failure).isInstanceOf(ApiFailure.TooLarge.class);
		assertThat(failure.isTransient()).isFalse();
		assertThat(failure.describe()).isEqualTo("HTTP 200 answer larger than 64 KiB");
		awaitHangUps(1);
		assertThat(this.server.bytesSent()).isLessThan(20_000_000);
	}

	@Test
	void answerWithoutLengthIsReadUpToTheLimitOnly() {
		this.server.token(ACCESS_TOKEN, "3600")
			.route(AUTH,
					(request, reply) -> reply.head(200, "Connection: close")
						.raw("{\"connected_account\":{\"x\":\"")
						.stream(50_000_000, (byte) 'x'));
		ApiFailure failure = failure(this.client.getAccount("gmail", "a"));
		assertThat(failure).isInstanceOf(ApiFailure.TooLarge.class);
		awaitHangUps(1);
		assertThat(this.server.bytesSent()).isLessThan(20_000_000);
	}

	@Test
	void toolAnswersMayBeLargerButNotBeyondAMebibyte() {
		String data = "{\"data\":{\"body\":\"" + "b".repeat(900_000) + "\"},\"execution_id\":\"exec-9\"}";
		this.server.token(ACCESS_TOKEN, "3600")
			.route(TOOL, (request, reply) -> reply.json(200,
					request.body().contains("big") ? data + " ".repeat(200_000) : data));
		CallResult<ToolExecution> fits = this.client.executeTool("gmail_get_profile", Map.of(), "gmail", "a");
		assertThat(((CallResult.Success<ToolExecution>) fits).value().executionId()).isEqualTo("exec-9");
		ApiFailure failure = failure(this.client.executeTool("gmail_get_profile", Map.of("q", "big"), "gmail", "a"));
		assertThat(failure).isInstanceOf(ApiFailure.TooLarge.class);
		assertThat(failure.describe()).isEqualTo("HTTP 200 answer larger than 1 MiB");
	}

	@Test
	void hugeErrorBodyIsIgnoredAndTheStatusStillCounts() {
		this.server.token(ACCESS_TOKEN, "3600")
			.route(AUTH, (request, reply) -> reply.head(503, "Content-Length: 10000000", "Retry-After: 3")
				.stream(10_000_000, (byte) '<'));
		ApiFailure failure = failure(this.client.getAccount("gmail", "a"));
		assertThat(failure).isInstanceOf(ApiFailure.ServerError.class);
		assertThat(failure.isTransient()).isTrue();
		assertThat(failure.retryAfter()).contains(Duration.ofSeconds(3));
	}

	// 3. numbers out of range

	@Test
	void hugeRetryAfterIsClampedAndReachesTheCallerAsAFinalRateLimit() {
		String[] headers = { "9223372036854775807", "999999", "99999999999999999999999",
				DateTimeFormatter.RFC_1123_DATE_TIME.format(CLOCK.instant().plusSeconds(3600).atOffset(ZoneOffset.UTC)),
				"-1", "soon" };
		this.server.token(ACCESS_TOKEN, "3600")
			.route(AUTH,
					(request, reply) -> reply.json(429, "{\"code\":8,\"details\":[{\"error_code\":\"RATE_LIMITED\"}]}",
							"Retry-After: " + headers[Integer.parseInt(request.queryParam("identifier"))]));
		List<Optional<Duration>> seen = new ArrayList<>();
		for (int i = 0; i < headers.length; i++) {
			ApiFailure failure = failure(this.client.getAccount("gmail", Integer.toString(i)));
			assertThat(failure).isInstanceOf(ApiFailure.RateLimited.class);
			seen.add(failure.retryAfter());
		}
		assertThat(seen).containsExactly(Optional.of(Duration.ofDays(1)), Optional.of(Duration.ofDays(1)),
				Optional.of(Duration.ofDays(1)), Optional.of(Duration.ofHours(1)), Optional.empty(), Optional.empty());
		// the rate budgets hear the same clamped values, which fit in nanoseconds
		assertThat(this.endings).filteredOn(CallListener.Ending::rateLimited)
			.extracting(CallListener.Ending::retryAfter)
			.containsExactlyElementsOf(seen)
			.allSatisfy((wait) -> wait.ifPresent(Duration::toNanos));
		// longer than the policy's max backoff: final at once, neither waited for nor
		// deferred
		Retries retries = new Retries(new Backoff(5, Duration.ofMillis(10), Duration.ofSeconds(30), () -> 0.5),
				(duration) -> {
					throw new AssertionError("waited " + duration);
				}, (failed) -> {
				})
			.deferring(AttemptTally.NONE);
		CallResult<ConnectedAccount> result = retries.call(() -> this.client.getAccount("gmail", "0"));
		assertThat(failure(result)).isInstanceOf(ApiFailure.RateLimited.class);
		assertThat(retries.deferral()).isEmpty();
	}

	@Test
	void tokenLifetimeOfLongMaxIsClampedAndTheTokenReused() {
		this.server.token(ACCESS_TOKEN, Long.toString(Long.MAX_VALUE))
			.route(AUTH, (request, reply) -> reply.json(200, ACCOUNT));
		assertThat(this.client.getAccount("gmail", "a").succeeded()).isTrue();
		assertThat(this.client.getAccount("gmail", "a").succeeded()).isTrue();
		assertThat(this.server.requestCount("/oauth/token")).isEqualTo(1);
	}

	@Test
	void tokenLifetimeOfZeroNegativeOrNoneServesOneRequestAndIsRenewedForTheNext() {
		for (String expiresIn : new String[] { "0", "-3600", "-9223372036854775808", "\"soon\"", null }) {
			try (HostileHttpServer own = HostileHttpServer.start()) {
				own.token(ACCESS_TOKEN, expiresIn).route(AUTH, (request, reply) -> reply.json(200, ACCOUNT));
				ScalekitClient fresh = new ScalekitClient(new ScalekitCredentials(own.baseUrl(), "id", CLIENT_SECRET),
						TIMEOUTS, CallListener.NONE, CLOCK);
				assertThat(fresh.verifyCredentials()).as(expiresIn).isEmpty();
				assertThat(fresh.getAccount("gmail", "a").succeeded()).as(expiresIn).isTrue();
				assertThat(fresh.getAccount("gmail", "a").succeeded()).as(expiresIn).isTrue();
				assertThat(own.requestCount("/oauth/token")).as(expiresIn).isEqualTo(3);
				assertThat(own.requests()).filteredOn((request) -> request.path().equals(AUTH))
					.allSatisfy((request) -> assertThat(request.header("Authorization"))
						.isEqualTo("Bearer " + ACCESS_TOKEN));
			}
		}
	}

	@Test
	void tokenAnswerWithoutTokenOrWithOneThatCannotBeSentIsMalformed() {
		for (String answer : new String[] { "{\"expires_in\":3600}", "{\"access_token\":\"a\\r\\nX-Injected: 1\"}",
				"{\"access_token\":\"" + "t".repeat(20_000) + "\"}", "[]", "not json" }) {
			try (HostileHttpServer own = HostileHttpServer.start()) {
				own.route("/oauth/token", (request, reply) -> reply.json(200, answer));
				ScalekitClient fresh = new ScalekitClient(new ScalekitCredentials(own.baseUrl(), "id", CLIENT_SECRET),
						TIMEOUTS, CallListener.NONE, CLOCK);
				ApiFailure failure = failure(fresh.getAccount("gmail", "a"));
				assertThat(failure).as(answer).isInstanceOf(ApiFailure.MalformedResponse.class);
				assertThat(failure.describe()).as(answer).doesNotContain("X-Injected").doesNotContain("tttt");
				assertThat(own.requestCount(AUTH)).isZero();
			}
		}
	}

	// 4. our own credentials refused

	@Test
	void ourTokenStillRefusedAfterOneRenewalIsATransientCredentialsRefusal() {
		this.server.token(ACCESS_TOKEN, "3600")
			.route(AUTH, (request, reply) -> reply.json(401,
					"{\"code\":16,\"message\":\"Token empty\",\"details\":[{\"error_code\":\"UNAUTHENTICATED\"}]}"));
		ApiFailure failure = failure(this.client.getAccount("gmail", "a"));
		assertThat(failure).isInstanceOf(ApiFailure.CredentialsRefused.class);
		assertThat(failure.isTransient()).isTrue();
		assertThat(failure.httpStatus()).isEqualTo(401);
		assertThat(failure.describe()).isEqualTo("HTTP 401 credentials refused: Scalekit rejected our access token "
				+ "even after renewing it (UNAUTHENTICATED)");
		assertThat(this.server.requestCount("/oauth/token")).isEqualTo(2);
		assertThat(this.server.requestCount(AUTH)).isEqualTo(2);
	}

	@Test
	void tokenEndpointRateLimitIsNotARefusalOfTheCredentials() {
		this.server.route("/oauth/token",
				(request, reply) -> reply.json(429, "{\"error\":\"slow_down\"}", "Retry-After: 2"));
		assertThat(this.client.verifyCredentials()).get()
			.isInstanceOf(ApiFailure.RateLimited.class)
			.extracting(ApiFailure::retryAfter)
			.isEqualTo(Optional.of(Duration.ofSeconds(2)));
	}

	// 5. anything else a server can send

	@Test
	void redirectsAreNeverFollowed() {
		this.server.token(ACCESS_TOKEN, "3600")
			.route(AUTH, (request, reply) -> reply.head(302, "Location: " + this.server.baseUrl() + AUTH + "?again",
					"Content-Length: 0"));
		ApiFailure failure = failure(this.client.getAccount("gmail", "a"));
		assertThat(failure).isInstanceOf(ApiFailure.InvalidRequest.class);
		assertThat(failure.isTransient()).isFalse();
		assertThat(failure.describe()).isEqualTo("HTTP 302 redirect, not followed");
		assertThat(this.server.requestCount(AUTH)).isEqualTo(1);
	}

	@Test
	void contentLengthLongerThanTheBodyIsABrokenConnection() {
		this.server.token(ACCESS_TOKEN, "3600")
			.route(AUTH, (request, reply) -> reply.head(200, "Content-Length: 5000").raw("{\"connected_account\""));
		ApiFailure failure = failure(this.client.getAccount("gmail", "a"));
		assertThat(failure).isInstanceOf(ApiFailure.NetworkError.class);
		assertThat(failure.isTransient()).isTrue();
		assertThat(failure.describe()).isEqualTo("network error: connection closed before the answer was complete");
	}

	@Test
	void contentLengthLongerThanTheBodyOnAnOpenConnectionTimesOut() {
		this.server.token(ACCESS_TOKEN, "3600")
			.route(AUTH,
					(request, reply) -> reply.head(200, "Content-Length: 5000").raw("{\"connected_account\"").hold());
		assertThat(failure(this.impatient.getAccount("gmail", "a"))).isInstanceOf(ApiFailure.TimedOut.class);
	}

	@Test
	void invalidUtf8DeepNestingAndTrailingGarbageAreMalformed() {
		byte[] invalidUtf8 = { '{', '"', 'c', 'o', 'n', 'n', 'e', 'c', 't', 'e', 'd', '_', 'a', 'c', 'c', 'o', 'u', 'n',
				't', '"', ':', '{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '}' };
		List<byte[]> answers = List.of(invalidUtf8, "[".repeat(60_000).getBytes(StandardCharsets.UTF_8),
				(ACCOUNT + "{}").getBytes(StandardCharsets.UTF_8), "\"just a string\"".getBytes(StandardCharsets.UTF_8),
				("{\"connected_account\":{\"id\":" + "1".repeat(2000) + "}}").getBytes(StandardCharsets.UTF_8));
		this.server.token(ACCESS_TOKEN, "3600")
			.route(AUTH, (request, reply) -> reply.json(200,
					answers.get(Integer.parseInt(request.queryParam("identifier")))));
		for (int i = 0; i < answers.size(); i++) {
			assertThat(failure(this.client.getAccount("gmail", Integer.toString(i)))).as("answer %d", i)
				.isInstanceOf(ApiFailure.MalformedResponse.class);
		}
	}

	@Test
	void endlessHeadersEndAsANetworkErrorOrTimeout() {
		this.server.token(ACCESS_TOKEN, "3600").route(AUTH, (request, reply) -> {
			reply.raw("HTTP/1.1 200 OK\r\n");
			for (int i = 0;; i++) {
				reply.raw("X-Filler-" + i + ": " + "h".repeat(8000) + "\r\n");
			}
		});
		long started = System.nanoTime();
		ApiFailure failure = failure(this.impatient.getAccount("gmail", "a"));
		assertThat(failure).isInstanceOfAny(ApiFailure.NetworkError.class, ApiFailure.TimedOut.class);
		assertThat(failure.describe()).doesNotContain("hhhh");
		assertThat(elapsedSince(started)).isLessThan(Duration.ofMillis(4000));
	}

	@Test
	void authorizationLinksMustBePlainWebLinks() {
		this.server.token(ACCESS_TOKEN, "3600")
			.route("/api/v1/connected_accounts/magic_link", (request, reply) -> reply.json(200,
					"{\"link\":\"javascript:alert(document.cookie)\",\"expiry\":\"2026-11-25T10:00:00Z\"}"));
		ApiFailure failure = failure(this.client.createAuthorizationLink("gmail", "a"));
		assertThat(failure).isInstanceOf(ApiFailure.MalformedResponse.class);
		assertThat(failure.describe()).isEqualTo("HTTP 200 malformed response: unusable field 'link'");
	}

	// secrets never come back out

	@Test
	void ourSecretsEchoedByTheServerNeverReachFailuresOrMessages() {
		String echo = ACCESS_TOKEN + " " + CLIENT_SECRET;
		this.server.token(ACCESS_TOKEN, "3600").route(AUTH, (request, reply) -> {
			String identifier = request.queryParam("identifier");
			if (identifier.equals("tool")) {
				reply.json(401, "{\"code\":16,\"message\":\"" + echo + "\",\"details\":[{\"error_code\":\"TOOL_ERROR\","
						+ "\"tool_error_info\":{\"execution_id\":\"" + ACCESS_TOKEN + "\",\"tool_error_message\":\"bad "
						+ request.header("Authorization") + "\",\"tool_error_code\":\"" + CLIENT_SECRET + "\"}}]}");
			}
			else if (identifier.equals("status")) {
				reply.raw("HTTP/1.1 2" + request.header("Authorization") + "\r\n\r\n");
			}
			else {
				reply.json(identifier.equals("ours") ? 401 : 500,
						"{\"code\":13,\"message\":\"echo " + request.header("Authorization") + " " + CLIENT_SECRET
								+ "\",\"details\":[{\"error_code\":\"" + ACCESS_TOKEN + "\"}]}");
			}
		});
		List<ApiFailure> failures = new ArrayList<>();
		for (String identifier : new String[] { "tool", "status", "ours", "server" }) {
			failures.add(failure(this.client.getAccount("gmail", identifier)));
		}
		assertThat(failures).extracting((failure) -> failure.getClass().getSimpleName())
			.containsExactly("ProviderError", "NetworkError", "CredentialsRefused", "ServerError");
		assertThat(failures).allSatisfy((failure) -> {
			String everything = failure.describe() + " " + failure + " " + failure.error();
			assertThat(everything).doesNotContain(ACCESS_TOKEN).doesNotContain(CLIENT_SECRET);
		});
		assertThat(failures.get(0).error().message()).isEqualTo("**** ****");
		assertThat(failures.get(0).error().toolError()).get()
			.satisfies((tool) -> assertThat(tool.message()).isEqualTo("bad Bearer ****"));
	}

	@Test
	void secretEchoedByTheTokenEndpointIsNotInTheRefusal() {
		this.server.route("/oauth/token", (request, reply) -> reply.json(401,
				"{\"error\":\"" + CLIENT_SECRET + "\",\"error_description\":\"" + request.body() + "\"}"));
		assertThatThrownBy(this.client::verifyCredentials).isInstanceOf(ScalekitAuthenticationException.class)
			.hasMessageContaining("answered HTTP 401")
			.hasMessageNotContaining(CLIENT_SECRET);
	}

	@Test
	void ourSecretsNeverReachTheHttpClientDebugLog() {
		Logger logger = (Logger) LoggerFactory.getLogger("org.springframework.web");
		Level level = logger.getLevel();
		ListAppender<ILoggingEvent> log = new ListAppender<>();
		log.start();
		logger.addAppender(log);
		logger.setLevel(Level.TRACE);
		try {
			this.server.token(ACCESS_TOKEN, "3600").route(AUTH, (request, reply) -> reply.json(200, ACCOUNT));
			assertThat(this.client.getAccount("gmail", "a").succeeded()).isTrue();
		}
		finally {
			logger.setLevel(level);
			logger.detachAppender(log);
		}
		// RestClient logs each request body it writes, the token request's form included
		assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
			.anySatisfy((message) -> assertThat(message).contains("client_secret=****"))
			.allSatisfy((message) -> assertThat(message).doesNotContain(CLIENT_SECRET).doesNotContain(ACCESS_TOKEN));
	}

	private void awaitHangUps(int count) {
		// the client closed the connection: the server's next write fails, within a drip
		// interval or two
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(10))
			.untilAsserted(() -> assertThat(this.server.hangUps()).as("connections the client closed")
				.isGreaterThanOrEqualTo(count));
	}

	private static Duration elapsedSince(long started) {
		return Duration.ofNanos(System.nanoTime() - started);
	}

	private static ApiFailure failure(CallResult<?> result) {
		assertThat(result).isInstanceOf(CallResult.Failure.class);
		return ((CallResult.Failure<?>) result).failure();
	}

}
