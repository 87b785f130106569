/**
 * An in-process simulator of the Scalekit REST API, for the demo, the tests and the benchmarks.
 *
 * <p>
 * <b>Nights.</b> With a {@link dev.healthaudit.sandbox.SandboxNight} the server's fleet is as it has become by that
 * night of a simulated calendar ({@link dev.healthaudit.sandbox.FleetNights}: users re-authorize after being asked,
 * accounts break, dormant grants are touched only by the audit's probes), derived from (fleet, seed, night) alone,
 * so each night's server starts afresh and consecutive nights still tell one story.
 *
 * <p>
 * <b>Faults.</b> A {@link dev.healthaudit.sandbox.FaultPlan} injects the transient failures a real environment has:
 * Scalekit 429s with and without {@code Retry-After}, 502 plain text and 503 JSON, connections closed without an
 * answer, answers later than a client's read timeout, truncated JSON, HTML with 200, the access token turning invalid
 * mid-run and the token endpoint answering 503 for a while. Design choices:
 * <ul>
 * <li>Deterministic without a global sequence: whether the n-th arrival of a request (method, path, query, body) is
 * hit is a hash of the seed, the request and n ({@link dev.healthaudit.sandbox.FaultInjector}). Thread interleaving
 * changes which request comes first, never which ones are hit, so the same plan hits the same accounts' calls in
 * every run and a failure can be replayed.</li>
 * <li>Bursts: a hit lasts {@code burst} arrivals of that request, so a test picks "the retries absorb it" (burst
 * below the policy's attempts) or "they run out" (burst at or above), instead of hoping for a lucky draw.</li>
 * <li>Gateway faults (429, 5xx, reset) answer before the API handles the request, so nothing changes; lost-answer
 * faults (timeout, truncated, HTML) let the API handle it first. The second kind is the hard one for a client: a probe
 * that refreshed an account may be retried and find it already healthy.</li>
 * <li>{@code /oauth/token} is never hit by a per-request fault; only {@code TOKEN_ENDPOINT_DOWN} takes it down, for a
 * count of token requests, after expiring the issued tokens so that clients must come for a new one.</li>
 * </ul>
 * <b>A realistic environment.</b> For benchmarks that must hold a rate budget in the real world rather than in a lab:
 * <ul>
 * <li>Noise ({@link dev.healthaudit.sandbox.NoisePlan}): Scalekit's own 429 on account reads, the provider's 429 on
 * tool calls and 5xx on any call, each kind with its own share, drawn like faults from a hash of the seed and the
 * request (so independent of each other and of timing), each hit request failing once or twice and then succeeding.
 * It strikes only requests the rate limit let through, so noise and limit are counted apart.</li>
 * <li>Latency with jitter: each answer's delay drawn uniformly from the latency plus or minus the jitter.</li>
 * <li>The rate limit as a gateway enforces it ({@link dev.healthaudit.sandbox.Limiter#WINDOW}): at most a sixtieth of
 * the per-minute limit in any one second, sliding, refused requests not counted; a
 * {@link dev.healthaudit.sandbox.LimitSchedule} lowers it for a while and restores it. The earlier token bucket
 * ({@link dev.healthaudit.sandbox.Limiter#BUCKET}: a tenth of a second's worth of burst) is kept for the benchmarks
 * whose figures were taken with it; it is much stricter than a per-minute limit needs to be.</li>
 * <li>What a benchmark needs to judge a run: refusals of the limit apart from injected 429s, what the limit allowed
 * over the run ({@link dev.healthaudit.sandbox.SandboxTotals}), arrivals and refusals per tenth of a second, and a
 * request log naming each request's account.</li>
 * </ul>
 * Every token the sandbox hands out carries a fixed marker ({@link dev.healthaudit.sandbox.SandboxTokens}) so that leak
 * tests can search logs and reports for all of them at once.
 */
@NullMarked
package dev.healthaudit.sandbox;

import org.jspecify.annotations.NullMarked;
