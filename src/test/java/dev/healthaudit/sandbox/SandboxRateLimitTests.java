package dev.healthaudit.sandbox;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.healthaudit.sandbox.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The environment's own rate limit as a gateway enforces it (at most a sixtieth of the
 * per-minute limit in any one second), its schedule, and what it counts. The server runs
 * on a clock the tests move, so windows are exact.
 */
class SandboxRateLimitTests {

	private static final Instant START = Instant.parse("2026-11-28T03:00:00Z");

	private static final String LIST = "/api/v1/connected_accounts";

	@Test
	void windowLetsALimitsWorthThroughInAnySecondAndRefusesExactlyTheExcess() {
		RequestWindow window = new RequestWindow(6000);
		assertThat(IntStream.range(0, 130).filter((i) -> window.tryAcquire(0, 1)).count()).isEqualTo(100);
		assertThat(window.tryAcquire(999_999_999, 1)).as("still within the second").isFalse();
		assertThat(window.tryAcquire(1_000_000_000, 1)).as("the first hundred aged out").isTrue();
		assertThat(IntStream.range(0, 130).filter((i) -> window.tryAcquire(1_500_000_000, 1)).count()).isEqualTo(99);
	}

	@Test
	void windowIsSlidingNotAlignedToWholeSeconds() {
		RequestWindow window = new RequestWindow(600);
		// 10 a second: 10 at 0.9 s leave nothing for 1.1 s, although it lies in the next
		// whole second
		assertThat(IntStream.range(0, 10).filter((i) -> window.tryAcquire(900_000_000, 1)).count()).isEqualTo(10);
		assertThat(window.tryAcquire(1_100_000_000, 1)).isFalse();
		assertThat(window.tryAcquire(1_900_000_000, 1)).isTrue();
	}

	@Test
	void perSecondIsWholeRequestsNeverAboveTheLimitAndAtLeastOne() {
		assertThat(new RequestWindow(6000).perSecond(1)).isEqualTo(100);
		assertThat(new RequestWindow(4200).perSecond(1)).isEqualTo(70);
		assertThat(new RequestWindow(6300).perSecond(3000 / 6300.0)).isEqualTo(50);
		assertThat(new RequestWindow(100).perSecond(1)).isEqualTo(1);
		assertThat(new RequestWindow(30).perSecond(1)).isEqualTo(1);
	}

	@Test
	void refusesTheExcessOfASecondWith429RateLimitedAndRetryAfterAndCountsIt(@TempDir Path directory) throws Exception {
		MutableClock clock = new MutableClock(START);
		try (SandboxServer server = SandboxServer.start(SandboxSettings.defaults().withRequestsPerMinute(600), clock)) {
			TestHttp http = new TestHttp(server);
			http.token();
			List<Integer> statuses = IntStream.range(0, 15).mapToObj((i) -> http.get(LIST, "").statusCode()).toList();
			assertThat(statuses.subList(0, 10)).containsOnly(200);
			assertThat(statuses.subList(10, 15)).containsOnly(429);
			HttpResponse<String> refused = http.get(LIST, "");
			assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
			SandboxServerTests.assertStatus(json(refused), 8, "RATE_LIMITED");

			clock.advance(Duration.ofSeconds(1));
			assertThat(IntStream.range(0, 12).filter((i) -> http.get(LIST, "").statusCode() == 200).count())
				.isEqualTo(10);

			SandboxTotals totals = server.totals();
			assertThat(totals.totalRequests()).isEqualTo(1 + 16 + 12);
			assertThat(totals.environmentRateLimited()).isEqualTo(6 + 2);
			assertThat(totals.acceptedRequests()).isEqualTo(1 + 10 + 10);
			assertThat(totals.allowedRequests()).as("10 a second over the second between first and last request")
				.isEqualTo(10.0);
			assertThat(totals.describe()).contains(" environment-429=8 ", " accepted=21 ", " allowed=10 ");
			Path timeline = directory.resolve("timeline.csv");
			server.writeTimeline(timeline);
			long epoch = START.toEpochMilli();
			assertThat(Files.readAllLines(timeline)).startsWith("epoch_ms,requests,refused", epoch + ",17,6")
				.endsWith((epoch + 1000) + ",12,2");
		}
	}

	@Test
	void tokenRequestsAreNotLimited() {
		MutableClock clock = new MutableClock(START);
		try (SandboxServer server = SandboxServer.start(SandboxSettings.defaults().withRequestsPerMinute(60), clock)) {
			TestHttp http = new TestHttp(server);
			for (int i = 0; i < 5; i++) {
				http.forgetToken();
				http.token();
			}
			assertThat(http.get(LIST, "").statusCode()).isEqualTo(200);
			assertThat(http.get(LIST, "").statusCode()).isEqualTo(429);
			assertThat(server.totals().environmentRateLimited()).isEqualTo(1);
		}
	}

	@Test
	void scheduleLowersTheLimitForItsStepThenRestoresIt() {
		MutableClock clock = new MutableClock(START);
		SandboxSettings settings = SandboxSettings.defaults()
			.withRequestsPerMinute(600)
			.withLimitSchedule(LimitSchedule.parse("10s:0.5:10s"));
		try (SandboxServer server = SandboxServer.start(settings, clock)) {
			TestHttp http = new TestHttp(server);
			http.token(); // the first request: the schedule counts from here
			clock.advance(Duration.ofSeconds(1));
			assertThat(admittedOf(http, 15)).as("1 s in: the full limit").isEqualTo(10);
			clock.advance(Duration.ofSeconds(9));
			assertThat(admittedOf(http, 15)).as("10 s in: half").isEqualTo(5);
			clock.advance(Duration.ofSeconds(9));
			assertThat(admittedOf(http, 15)).as("19 s in: still half").isEqualTo(5);
			clock.advance(Duration.ofSeconds(1));
			assertThat(admittedOf(http, 15)).as("20 s in: back to the full limit").isEqualTo(10);
			SandboxTotals totals = server.totals();
			assertThat(totals.environmentRateLimited()).isEqualTo(5 + 10 + 10 + 5);
			assertThat(totals.allowedRequests()).as("20 s at 10 a second, of which 10 s at 5").isEqualTo(150.0);
		}
	}

	@Test
	void aLoweredLimitRefusesUntilTheLastSecondsRequestsAgeOut() {
		RequestWindow window = new RequestWindow(600);
		assertThat(IntStream.range(0, 10).filter((i) -> window.tryAcquire(0, 1)).count()).isEqualTo(10);
		assertThat(window.tryAcquire(500_000_000, 0.5)).as("10 in the last second, 5 allowed").isFalse();
		assertThat(IntStream.range(0, 10).filter((i) -> window.tryAcquire(1_000_000_000, 0.5)).count()).isEqualTo(5);
	}

	@Test
	void scheduleSyntax() {
		LimitSchedule schedule = LimitSchedule.parse("30s:0.5:30s, 90s:0.8:500ms");
		assertThat(schedule.steps()).containsExactly(
				new LimitSchedule.Step(Duration.ofSeconds(30), 0.5, Duration.ofSeconds(30)),
				new LimitSchedule.Step(Duration.ofSeconds(90), 0.8, Duration.ofMillis(500)));
		assertThat(schedule).hasToString("30s:0.5:30s,90s:0.8:500ms");
		assertThat(schedule.factorAt(Duration.ofSeconds(29))).isEqualTo(1);
		assertThat(schedule.factorAt(Duration.ofSeconds(30))).isEqualTo(0.5);
		assertThat(schedule.factorAt(Duration.ofSeconds(60))).isEqualTo(1);
		assertThat(schedule.factorAt(Duration.ofMillis(90_499))).isEqualTo(0.8);
		assertThat(LimitSchedule.parse("")).isEqualTo(LimitSchedule.none());
		assertThatIllegalArgumentException().isThrownBy(() -> LimitSchedule.parse("30s:0.5"))
			.withMessageContaining("<start>:<factor>:<length>");
		assertThatIllegalArgumentException().isThrownBy(() -> LimitSchedule.parse("30s:0:30s"))
			.withMessageContaining("factor");
		assertThatIllegalArgumentException().isThrownBy(() -> LimitSchedule.parse("30s:0.5:30s,40s:0.5:1s"))
			.withMessageContaining("overlap");
		assertThatIllegalArgumentException().isThrownBy(() -> LimitSchedule.parse("soon:0.5:30s"));
	}

	@Test
	void theEarlierBucketLimiterStaysAvailableButTakesNoSchedule() {
		SandboxSettings bucket = SandboxSettings.defaults().withRequestsPerMinute(60).withLimiter(Limiter.BUCKET);
		try (SandboxServer server = SandboxServer.start(bucket)) {
			TestHttp http = new TestHttp(server);
			http.token();
			assertThat(http.get(LIST, "").statusCode()).isEqualTo(200);
			assertThat(http.get(LIST, "").statusCode()).isEqualTo(429);
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> bucket.withLimitSchedule(LimitSchedule.parse("1s:0.5:1s")))
			.withMessageContaining("WINDOW");
	}

	private static long admittedOf(TestHttp http, int requests) {
		return IntStream.range(0, requests).filter((i) -> http.get(LIST, "").statusCode() == 200).count();
	}

}
