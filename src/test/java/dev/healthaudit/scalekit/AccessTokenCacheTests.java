package dev.healthaudit.scalekit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.healthaudit.scalekit.AccessTokenCache.IssuedToken;

import static org.assertj.core.api.Assertions.assertThat;

class AccessTokenCacheTests {

	private final Instant start = Instant.parse("2026-11-24T00:00:00Z");

	private final MutableClock clock = new MutableClock(this.start);

	private final AtomicInteger issued = new AtomicInteger();

	private final AccessTokenCache cache = new AccessTokenCache(
			() -> IssuedToken.issued("t" + this.issued.incrementAndGet(), Duration.ofSeconds(300), this.clock.instant()),
			this.clock);

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
