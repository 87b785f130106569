package dev.healthaudit.sandbox;

/**
 * Sporadic failures of a real environment, each kind with its own share, independent of
 * the others and of any {@link FaultPlan}. Whether a request is hit is a hash of the
 * seed, the kind and the request (method, path, query, body), so the same requests are
 * hit in every run whatever the order they come in. A hit request fails its first 1 to
 * {@link #maxBurst()} arrivals (the hash picks how many) and succeeds from then on; other
 * requests, the same account's included, are not affected. Noise strikes only requests
 * the environment's rate limit let through, after authentication, before the API handles
 * them (nothing changes on the account).
 *
 * @param authRateLimited share of {@code GET /api/v1/connected_accounts/auth} requests
 * answered with Scalekit's own 429 {@code RATE_LIMITED} and {@code Retry-After: 1}
 * @param providerRateLimited share of {@code POST /api/v1/execute_tool} requests answered
 * with the provider's 429 ({@code TOOL_ERROR}, {@code tool_error_code}
 * {@code RATE_LIMITED}) and {@code Retry-After: 1}
 * @param serverError share of all API requests answered with a 5xx: 500 {@code INTERNAL},
 * 502 plain text or 503 {@code UNAVAILABLE}, drawn per arrival
 * @param maxBurst the most arrivals in a row a hit request fails (at least 1)
 * @param seed decides which requests are hit
 */
public record NoisePlan(double authRateLimited, double providerRateLimited, double serverError, int maxBurst,
		long seed) {

	public NoisePlan {
		share("auth-rate-limited", authRateLimited);
		share("provider-rate-limited", providerRateLimited);
		share("server-error", serverError);
		if (maxBurst < 1) {
			throw new IllegalArgumentException("noise max-burst must be at least 1: " + maxBurst);
		}
	}

	/** No noise (bursts of up to two, seed 1 once a share is set). */
	public static NoisePlan none() {
		return new NoisePlan(0, 0, 0, 2, 1);
	}

	public boolean active() {
		return this.authRateLimited > 0 || this.providerRateLimited > 0 || this.serverError > 0;
	}

	/** The share of one kind. */
	double share(Noise kind) {
		return switch (kind) {
			case AUTH_RATE_LIMITED -> this.authRateLimited;
			case PROVIDER_RATE_LIMITED -> this.providerRateLimited;
			case SERVER_ERROR -> this.serverError;
		};
	}

	public NoisePlan withAuthRateLimited(double share) {
		return new NoisePlan(share, this.providerRateLimited, this.serverError, this.maxBurst, this.seed);
	}

	public NoisePlan withProviderRateLimited(double share) {
		return new NoisePlan(this.authRateLimited, share, this.serverError, this.maxBurst, this.seed);
	}

	public NoisePlan withServerError(double share) {
		return new NoisePlan(this.authRateLimited, this.providerRateLimited, share, this.maxBurst, this.seed);
	}

	public NoisePlan withMaxBurst(int maxBurst) {
		return new NoisePlan(this.authRateLimited, this.providerRateLimited, this.serverError, maxBurst, this.seed);
	}

	public NoisePlan withSeed(long seed) {
		return new NoisePlan(this.authRateLimited, this.providerRateLimited, this.serverError, this.maxBurst, seed);
	}

	private static void share(String name, double share) {
		if (!(share >= 0 && share <= 1)) {
			throw new IllegalArgumentException("noise " + name + " must be between 0 and 1: " + share);
		}
	}

}
