package dev.healthaudit.scalekit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.healthaudit.scalekit.AccessTokenCache.IssuedToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTokenCacheTests {

	private final Instant start = Instant.parse("2026-11-24T00:00:00Z");

	private final MutableClock clock = new MutableClock(this.start);

	private final AtomicInteger issued = new AtomicInteger();

	private final AccessTokenCache cache = new AccessTokenCache(() -> IssuedToken
		.issued("t" + this.issued.incrementAndGet(), Duration.ofSeconds(300), this.clock.instant()), this.clock);

	@Test
	void reusesTheTokenUntilATenthOfItsLifetimeRemains() {
		assertThat(this.cache.token()).isEqualTo("t1");
		this.clock.now = this.start.plusSeconds(269);
		assertThat(this.cache.token()).isEqualTo("t1");
		this.clock.now = this.start.plusSeconds(270);
		assertThat(this.cache.token()).isEqualTo("t2");
	}

	@Test
	void renewalMarginIsAtMostSixtySeconds() {
		IssuedToken day = IssuedToken.issued("x", Duration.ofSeconds(86399), this.start);
		assertThat(day.renewAt()).isEqualTo(this.start.plusSeconds(86399 - 60));
	}

	@Test
	void invalidateDropsOnlyTheRejectedToken() {
		assertThat(this.cache.token()).isEqualTo("t1");
		this.cache.invalidate("t1");
		assertThat(this.cache.token()).isEqualTo("t2");
		this.cache.invalidate("t1");
		assertThat(this.cache.token()).isEqualTo("t2");
	}

	@Test
	void threadsThatWaitedForAFailedFetchShareItsFailureInsteadOfEachTryingAgain() throws Exception {
		CountDownLatch fetching = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger fetches = new AtomicInteger();
		AccessTokenCache failing = new AccessTokenCache(() -> {
			fetches.incrementAndGet();
			fetching.countDown();
			await(release);
			throw new IllegalStateException("token endpoint timed out");
		}, this.clock);
		List<CompletableFuture<String>> callers = new ArrayList<>();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			CompletableFuture<String> caller = new CompletableFuture<>();
			Thread thread = new Thread(() -> {
				try {
					caller.complete(failing.token());
				}
				catch (RuntimeException ex) {
					caller.completeExceptionally(ex);
				}
			});
			callers.add(caller);
			threads.add(thread);
			thread.start();
			if (i == 0) {
				fetching.await();
			}
		}
		// the other three wait for the hanging fetch on the cache's lock
		for (Thread waiter : threads.subList(1, 4)) {
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(5))
				.until(waiter::getState, (state) -> state == Thread.State.BLOCKED);
		}
		release.countDown();
		for (CompletableFuture<String> caller : callers) {
			assertThatThrownBy(caller::join).hasCauseInstanceOf(IllegalStateException.class);
		}
		assertThat(fetches).hasValue(1);
		// a caller that comes later tries again
		assertThatThrownBy(failing::token).isInstanceOf(IllegalStateException.class);
		assertThat(fetches).hasValue(2);
	}

	@Test
	void aTokenWithoutLifetimeServesTheRequestItWasFetchedForOnly() {
		AccessTokenCache shortLived = new AccessTokenCache(
				() -> IssuedToken.issued("s" + this.issued.incrementAndGet(), Duration.ZERO, this.clock.instant()),
				this.clock);
		assertThat(shortLived.token()).isEqualTo("s1");
		assertThat(shortLived.token()).isEqualTo("s2");
		assertThat(IssuedToken.issued("x", Duration.ofSeconds(-5), this.start).renewAt()).isEqualTo(this.start);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static final class MutableClock extends Clock {

		Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
