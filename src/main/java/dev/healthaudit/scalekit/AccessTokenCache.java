package dev.healthaudit.scalekit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The client-credentials token, shared by all threads. Renewed before use when less than
 * a tenth of its lifetime (at most 60 s) remains, and on demand after Scalekit rejected
 * it. Only one thread fetches at a time; the others wait and reuse its result, a failure
 * included: when the token endpoint hangs until the deadline or fails, the threads that
 * waited for that attempt get its failure at once instead of each trying again in turn
 * (which would hold the last of them for as many deadlines as threads were waiting).
 */
final class AccessTokenCache {

	private static final Duration MAX_RENEWAL_MARGIN = Duration.ofSeconds(60);

	private final Supplier<IssuedToken> issuer;

	private final Clock clock;

	private @Nullable IssuedToken current;

	/**
	 * Fetch attempts that have ended; read without the lock to know which attempts a
	 * waiting thread saw end.
	 */
	private volatile long attempts;

	/** How the last attempt failed, while no token has been issued since. */
	private @Nullable RuntimeException lastFailure;

	AccessTokenCache(Supplier<IssuedToken> issuer, Clock clock) {
		this.issuer = issuer;
		this.clock = clock;
	}

	/**
	 * A token that is valid for a while yet (or a short-lived one just issued, which
	 * serves this request only).
	 * @throws RuntimeException what the issuer threw, for this thread's own attempt or
	 * one that ended while it waited
	 */
	String token() {
		long seenAttempts = this.attempts;
		synchronized (this) {
			if (this.current != null && !this.current.renewalDue(this.clock.instant())) {
				return this.current.value();
			}
			if (this.lastFailure != null && this.attempts != seenAttempts) {
				throw this.lastFailure;
			}
			try {
				this.current = this.issuer.get();
				this.lastFailure = null;
				return this.current.value();
			}
			catch (RuntimeException ex) {
				this.current = null;
				this.lastFailure = ex;
				throw ex;
			}
			finally {
				this.attempts++;
			}
		}
	}

	/**
	 * Drops {@code rejected} (if it is still the cached one) so that the next
	 * {@link #token()} fetches a new one. Threads that already renewed it keep the newer
	 * token.
	 */
	synchronized void invalidate(String rejected) {
		if (this.current != null && this.current.value().equals(rejected)) {
			this.current = null;
		}
	}

	/** A token and the moment from which it should be renewed. */
	record IssuedToken(String value, Instant renewAt) {

		/**
		 * @param lifetime as the server said, at most a day (the client clamps it); zero
		 * or less makes a token that is due for renewal at once: it serves the request it
		 * was fetched for, and the next one fetches another
		 */
		static IssuedToken issued(String value, Duration lifetime, Instant now) {
			if (lifetime.isNegative()) {
				lifetime = Duration.ZERO;
			}
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
