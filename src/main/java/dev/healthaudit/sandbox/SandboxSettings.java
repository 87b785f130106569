package dev.healthaudit.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How a sandbox server behaves.
 *
 * @param accounts fleet size
 * @param seed fleet seed; the same (accounts, seed) always gives the same fleet
 * @param latency added to every response
 * @param latencyJitter each response's latency is drawn uniformly from {@code latency}
 * plus or minus this (never below zero)
 * @param requestsPerMinute environment rate limit over authenticated calls; 0 means
 * unlimited
 * @param limiter how the rate limit is enforced
 * @param limitSchedule when the rate limit is lowered (or raised) for a while; only with
 * {@link Limiter#WINDOW}
 * @param tokenLifetime lifetime of the access tokens {@code /oauth/token} issues
 * @param slowProbeDelay how long a {@link Scenario#PROVIDER_SLOW} tool call takes
 * @param clientId the one client id {@code /oauth/token} accepts
 * @param clientSecret its secret
 * @param port the port to bind on 127.0.0.1; 0 picks a free one
 * @param recordRequests whether to keep every request for
 * {@link SandboxServer#requests()}
 * @param requestLog a CSV file to which every request is written as it is answered
 * ({@link RequestLog}); empty for none
 * @param faults the transient failures to inject ({@link FaultPlan#none()} for none)
 * @param noise the sporadic failures of a real environment to inject
 * ({@link NoisePlan#none()} for none)
 */
public record SandboxSettings(int accounts, long seed, Duration latency, Duration latencyJitter, int requestsPerMinute,
		Limiter limiter, LimitSchedule limitSchedule, Duration tokenLifetime, Duration slowProbeDelay, String clientId,
		String clientSecret, int port, boolean recordRequests, Optional<Path> requestLog, FaultPlan faults,
		NoisePlan noise) {

	public SandboxSettings {
		if (accounts < 0) {
			throw new IllegalArgumentException("accounts must not be negative: " + accounts);
		}
		if (latency.isNegative() || slowProbeDelay.isNegative()) {
			throw new IllegalArgumentException("latency and slowProbeDelay must not be negative");
		}
		if (latencyJitter.isNegative()) {
			throw new IllegalArgumentException("latency jitter must not be negative: " + latencyJitter);
		}
		if (requestsPerMinute < 0) {
			throw new IllegalArgumentException("requestsPerMinute must not be negative: " + requestsPerMinute);
		}
		limiter = (limiter != null) ? limiter : Limiter.WINDOW;
		limitSchedule = (limitSchedule != null) ? limitSchedule : LimitSchedule.none();
		if (!limitSchedule.isEmpty() && limiter != Limiter.WINDOW) {
			throw new IllegalArgumentException("a limit schedule needs the WINDOW limiter, not " + limiter);
		}
		if (tokenLifetime.toSeconds() < 1) {
			throw new IllegalArgumentException("tokenLifetime must be at least one second: " + tokenLifetime);
		}
		requestLog = (requestLog != null) ? requestLog : Optional.empty();
		faults = (faults != null) ? faults : FaultPlan.none();
		noise = (noise != null) ? noise : NoisePlan.none();
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port out of range: " + port);
		}
	}

	public static SandboxSettings defaults() {
		return new SandboxSettings(200, 42, Duration.ZERO, Duration.ZERO, 0, Limiter.WINDOW, LimitSchedule.none(),
				Duration.ofHours(24), Duration.ofSeconds(5), "sandbox-client", "sandbox-secret", 0, false,
				Optional.empty(), FaultPlan.none(), NoisePlan.none());
	}

	/**
	 * One response's latency for a uniform draw {@code unit} in [0, 1): {@code latency}
	 * plus or minus {@code latencyJitter}, linearly, and never below zero.
	 */
	public Duration latencyFor(double unit) {
		if (this.latencyJitter.isZero()) {
			return this.latency;
		}
		long offset = Math.round((2 * unit - 1) * this.latencyJitter.toNanos());
		Duration drawn = this.latency.plusNanos(offset);
		return drawn.isNegative() ? Duration.ZERO : drawn;
	}

	public SandboxSettings withAccounts(int accounts) {
		return copy((draft) -> draft.accounts = accounts);
	}

	public SandboxSettings withSeed(long seed) {
		return copy((draft) -> draft.seed = seed);
	}

	public SandboxSettings withLatency(Duration latency) {
		return copy((draft) -> draft.latency = latency);
	}

	public SandboxSettings withLatencyJitter(Duration latencyJitter) {
		return copy((draft) -> draft.latencyJitter = latencyJitter);
	}

	public SandboxSettings withRequestsPerMinute(int requestsPerMinute) {
		return copy((draft) -> draft.requestsPerMinute = requestsPerMinute);
	}

	public SandboxSettings withLimiter(Limiter limiter) {
		return copy((draft) -> draft.limiter = limiter);
	}

	public SandboxSettings withLimitSchedule(LimitSchedule limitSchedule) {
		return copy((draft) -> draft.limitSchedule = limitSchedule);
	}

	public SandboxSettings withTokenLifetime(Duration tokenLifetime) {
		return copy((draft) -> draft.tokenLifetime = tokenLifetime);
	}

	public SandboxSettings withSlowProbeDelay(Duration slowProbeDelay) {
		return copy((draft) -> draft.slowProbeDelay = slowProbeDelay);
	}

	public SandboxSettings withCredentials(String clientId, String clientSecret) {
		return copy((draft) -> {
			draft.clientId = clientId;
			draft.clientSecret = clientSecret;
		});
	}

	public SandboxSettings withPort(int port) {
		return copy((draft) -> draft.port = port);
	}

	public SandboxSettings withRecordRequests(boolean recordRequests) {
		return copy((draft) -> draft.recordRequests = recordRequests);
	}

	public SandboxSettings withRequestLog(Path requestLog) {
		return copy((draft) -> draft.requestLog = Optional.ofNullable(requestLog));
	}

	public SandboxSettings withFaults(FaultPlan faults) {
		return copy((draft) -> draft.faults = faults);
	}

	public SandboxSettings withNoise(NoisePlan noise) {
		return copy((draft) -> draft.noise = noise);
	}

	@Override
	public String toString() {
		// The secret is a sandbox constant, but settings get logged: keep the habit of
		// never printing secrets.
		return "SandboxSettings[accounts=" + this.accounts + ", seed=" + this.seed + ", latency=" + this.latency
				+ ", latencyJitter=" + this.latencyJitter + ", requestsPerMinute=" + this.requestsPerMinute
				+ ", limiter=" + this.limiter + ", limitSchedule=" + this.limitSchedule + ", tokenLifetime="
				+ this.tokenLifetime + ", slowProbeDelay=" + this.slowProbeDelay + ", clientId=" + this.clientId
				+ ", port=" + this.port + ", recordRequests=" + this.recordRequests + ", requestLog=" + this.requestLog
				+ ", faults=" + this.faults + ", noise=" + this.noise + "]";
	}

	private SandboxSettings copy(Consumer<Draft> change) {
		Draft draft = new Draft(this);
		change.accept(draft);
		return draft.settings();
	}

	/** A changeable copy, so that each {@code with...} names only what it changes. */
	private static final class Draft {

		private int accounts;

		private long seed;

		private Duration latency;

		private Duration latencyJitter;

		private int requestsPerMinute;

		private Limiter limiter;

		private LimitSchedule limitSchedule;

		private Duration tokenLifetime;

		private Duration slowProbeDelay;

		private String clientId;

		private String clientSecret;

		private int port;

		private boolean recordRequests;

		private Optional<Path> requestLog;

		private FaultPlan faults;

		private NoisePlan noise;

		private Draft(SandboxSettings settings) {
			this.accounts = settings.accounts;
			this.seed = settings.seed;
			this.latency = settings.latency;
			this.latencyJitter = settings.latencyJitter;
			this.requestsPerMinute = settings.requestsPerMinute;
			this.limiter = settings.limiter;
			this.limitSchedule = settings.limitSchedule;
			this.tokenLifetime = settings.tokenLifetime;
			this.slowProbeDelay = settings.slowProbeDelay;
			this.clientId = settings.clientId;
			this.clientSecret = settings.clientSecret;
			this.port = settings.port;
			this.recordRequests = settings.recordRequests;
			this.requestLog = settings.requestLog;
			this.faults = settings.faults;
			this.noise = settings.noise;
		}

		private SandboxSettings settings() {
			return new SandboxSettings(this.accounts, this.seed, this.latency, this.latencyJitter,
					this.requestsPerMinute, this.limiter, this.limitSchedule, this.tokenLifetime, this.slowProbeDelay,
					this.clientId, this.clientSecret, this.port, this.recordRequests, this.requestLog, this.faults,
					this.noise);
		}

	}

}
