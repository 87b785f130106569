package dev.healthaudit.sandbox;

import java.time.Duration;

/**
 * How a sandbox server behaves.
 *
 * @param accounts fleet size
 * @param seed fleet seed; the same (accounts, seed) always gives the same fleet
 * @param latency added to every response
 * @param requestsPerMinute environment rate limit over authenticated calls; 0 means unlimited
 * @param tokenLifetime lifetime of the access tokens {@code /oauth/token} issues
 * @param slowProbeDelay how long a {@link Scenario#PROVIDER_SLOW} tool call takes
 * @param clientId the one client id {@code /oauth/token} accepts
 * @param clientSecret its secret
 * @param port the port to bind on 127.0.0.1; 0 picks a free one
 * @param recordRequests whether to keep every request for {@link SandboxServer#requests()}
 * @param faults the transient failures to inject ({@link FaultPlan#none()} for none)
 */
public record SandboxSettings(int accounts, long seed, Duration latency, int requestsPerMinute, Duration tokenLifetime,
		Duration slowProbeDelay, String clientId, String clientSecret, int port, boolean recordRequests,
		FaultPlan faults) {

	public SandboxSettings {
		if (accounts < 0) {
			throw new IllegalArgumentException("accounts must not be negative: " + accounts);
		}
		if (latency.isNegative() || slowProbeDelay.isNegative()) {
			throw new IllegalArgumentException("latency and slowProbeDelay must not be negative");
		}
		if (requestsPerMinute < 0) {
			throw new IllegalArgumentException("requestsPerMinute must not be negative: " + requestsPerMinute);
		}
		if (tokenLifetime.toSeconds() < 1) {
			throw new IllegalArgumentException("tokenLifetime must be at least one second: " + tokenLifetime);
		}
		faults = (faults != null) ? faults : FaultPlan.none();
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port out of range: " + port);
		}
	}

	public static SandboxSettings defaults() {
		return new SandboxSettings(200, 42, Duration.ZERO, 0, Duration.ofHours(24), Duration.ofSeconds(5),
				"sandbox-client", "sandbox-secret", 0, false, FaultPlan.none());
	}

	public SandboxSettings withAccounts(int accounts) {
		return new SandboxSettings(accounts, this.seed, this.latency, this.requestsPerMinute, this.tokenLifetime,
				this.slowProbeDelay, this.clientId, this.clientSecret, this.port, this.recordRequests, this.faults);
	}

	public SandboxSettings withSeed(long seed) {
		return new SandboxSettings(this.accounts, seed, this.latency, this.requestsPerMinute, this.tokenLifetime,
				this.slowProbeDelay, this.clientId, this.clientSecret, this.port, this.recordRequests, this.faults);
	}

	public SandboxSettings withLatency(Duration latency) {
		return new SandboxSettings(this.accounts, this.seed, latency, this.requestsPerMinute, this.tokenLifetime,
				this.slowProbeDelay, this.clientId, this.clientSecret, this.port, this.recordRequests, this.faults);
	}

	public SandboxSettings withRequestsPerMinute(int requestsPerMinute) {
		return new SandboxSettings(this.accounts, this.seed, this.latency, requestsPerMinute, this.tokenLifetime,
				this.slowProbeDelay, this.clientId, this.clientSecret, this.port, this.recordRequests, this.faults);
	}

	public SandboxSettings withTokenLifetime(Duration tokenLifetime) {
		return new SandboxSettings(this.accounts, this.seed, this.latency, this.requestsPerMinute, tokenLifetime,
				this.slowProbeDelay, this.clientId, this.clientSecret, this.port, this.recordRequests, this.faults);
	}

	public SandboxSettings withSlowProbeDelay(Duration slowProbeDelay) {
		return new SandboxSettings(this.accounts, this.seed, this.latency, this.requestsPerMinute, this.tokenLifetime,
				slowProbeDelay, this.clientId, this.clientSecret, this.port, this.recordRequests, this.faults);
	}

	public SandboxSettings withCredentials(String clientId, String clientSecret) {
		return new SandboxSettings(this.accounts, this.seed, this.latency, this.requestsPerMinute, this.tokenLifetime,
				this.slowProbeDelay, clientId, clientSecret, this.port, this.recordRequests, this.faults);
	}

	public SandboxSettings withPort(int port) {
		return new SandboxSettings(this.accounts, this.seed, this.latency, this.requestsPerMinute, this.tokenLifetime,
				this.slowProbeDelay, this.clientId, this.clientSecret, port, this.recordRequests, this.faults);
	}

	public SandboxSettings withRecordRequests(boolean recordRequests) {
		return new SandboxSettings(this.accounts, this.seed, this.latency, this.requestsPerMinute, this.tokenLifetime,
				this.slowProbeDelay, this.clientId, this.clientSecret, this.port, recordRequests, this.faults);
	}

	public SandboxSettings withFaults(FaultPlan faults) {
		return new SandboxSettings(this.accounts, this.seed, this.latency, this.requestsPerMinute, this.tokenLifetime,
				this.slowProbeDelay, this.clientId, this.clientSecret, this.port, this.recordRequests, faults);
	}

	@Override
	public String toString() {
		// The secret is a sandbox constant, but settings get logged: keep the habit of never printing secrets.
		return "SandboxSettings[accounts=" + this.accounts + ", seed=" + this.seed + ", latency=" + this.latency
				+ ", requestsPerMinute=" + this.requestsPerMinute + ", tokenLifetime=" + this.tokenLifetime
				+ ", slowProbeDelay=" + this.slowProbeDelay + ", clientId=" + this.clientId + ", port=" + this.port
				+ ", recordRequests=" + this.recordRequests + ", faults=" + this.faults + "]";
	}

}
