package dev.healthaudit.scalekit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.healthaudit.result.ApiStats;

import static org.assertj.core.api.Assertions.assertThat;

class CallCounterTests {

	@Test
	void countsEndedCallsByRouteLabelAcrossThreads() {
		CallCounter counter = new CallCounter();
		IntStream.range(0, 10_000).parallel().forEach((i) -> {
			counter.beforeCall(Route.EXECUTE_TOOL, "gmail");
			counter.afterCall(Route.EXECUTE_TOOL, "gmail", (i % 2 == 0) ? 200 : 0);
		});
		counter.afterCall(Route.GET_ACCOUNT, "gmail", 404);
		assertThat(counter.snapshot()).containsExactly(Map.entry("GET /api/v1/connected_accounts/auth", 1L),
				Map.entry("POST /api/v1/execute_tool", 10_000L));
	}

	@Test
	void composeCallsEveryListenerInOrder() {
		List<String> calls = new ArrayList<>();
		CallListener first = recorder("first", calls);
		CallListener second = recorder("second", calls);
		CallListener both = CallListener.compose(first, second);
		both.beforeCall(Route.TOKEN, "");
		both.afterCall(Route.TOKEN, "", 200);
		assertThat(calls).containsExactly("first before", "second before", "first after 200", "second after 200");
	}

	@Test
	void apiStatsSinceAnEarlierSnapshotIsTheDelta() {
		ApiStats earlier = new ApiStats(Map.of("POST /oauth/token", 1L, "POST /api/v1/execute_tool", 5L), 2, 100);
		ApiStats now = new ApiStats(Map.of("POST /oauth/token", 1L, "POST /api/v1/execute_tool", 9L,
				"GET /api/v1/connected_accounts/auth", 3L), 5, 250);
		assertThat(now.since(earlier)).isEqualTo(new ApiStats(
				Map.of("POST /api/v1/execute_tool", 4L, "GET /api/v1/connected_accounts/auth", 3L), 3, 150));
		assertThat(now.since(now).isEmpty()).isTrue();
	}

	private static CallListener recorder(String name, List<String> calls) {
		return new CallListener() {

			@Override
			public void beforeCall(Route route, String connector) {
				calls.add(name + " before");
			}

			@Override
			public void afterCall(Route route, String connector, int httpStatus) {
				calls.add(name + " after " + httpStatus);
			}

		};
	}

}
