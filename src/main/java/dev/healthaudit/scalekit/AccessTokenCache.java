package dev.healthaudit.scalekit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The client-credentials token, shared by all threads. Renewed before use when less than a tenth of its lifetime (at
 * most 60 s) remains, and on demand after Scalekit rejected it. Only one thread fetches at a time; the others wait and
 * reuse its result.
 */
final class AccessTokenCache {

	private static final Duration MAX_RENEWAL_MARGIN = Duration.ofSeconds(60);

	private final Supplier<IssuedToken> issuer;

	private final Clock clock;

	private IssuedToken current;

	AccessTokenCache(Supplier<IssuedToken> issuer, Clock clock) {
		this.issuer = issuer;
		this.clock = clock;
	}

	/** A token that is valid for a while yet. */
	synchronized String token() {
		if (this.current == null || this.current.renewalDue(this.clock.instant())) {
			this.current = this.issuer.get();
		}
		return this.current.value();
	}

	/**
	 * Drops {@code rejected} (if it is still the cached one) so that the next {@link #token()} fetches a new one.
	 * Threads that already renewed it keep the newer token.
	 */
	synchronized void invalidate(String rejected) {
		if (this.current != null && this.current.value().equals(rejected)) {
			this.current = null;
		}
	}

	/** A token and the moment from which it should be renewed. */
	record IssuedToken(String value, Instant renewAt) {

		static IssuedToken issued(String value, Duration lifetime, Instant now) {
			Duration margin = lifetime.dividedBy(10);
			if (margin.compareTo(MAX_RENEWAL_MARGIN) > 0) {
				margin = MAX_RENEWAL_MARGIN;
			}
			return new IssuedToken(value, now.plus(lifetime).minus(margin));
		}

		boolean renewalDue(Instant now) {
			return !now.isBefore(this.renewAt);
		}

		@Override
		public String toString() {
			return "IssuedToken[value=****, renewAt=" + this.renewAt + "]";
		}

	}

}
