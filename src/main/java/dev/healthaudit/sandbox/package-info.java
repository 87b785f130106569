/**
 * An in-process simulator of the Scalekit REST API, for the demo, the tests and the
 * benchmarks.
 *
 * <p>
 * <b>Nights.</b> With a {@link dev.healthaudit.sandbox.SandboxNight} the server's fleet
 * is as it has become by that night of a simulated calendar
 * ({@link dev.healthaudit.sandbox.FleetNights}: users re-authorize after being asked,
 * accounts break, dormant grants are touched only by the audit's probes), derived from
 * (fleet, seed, night) alone, so each night's server starts afresh and consecutive nights
 * still tell one story.
 *
 * <p>
 * <b>Faults.</b> A {@link dev.healthaudit.sandbox.FaultPlan} injects the transient
 * failures a real environment has (the kinds are listed under
 * {@code audit.sandbox.faults.kinds} in the README). Design choices:
 * <ul>
 * <li>Deterministic without a global sequence: whether the n-th arrival of a request
 * (method, path, query, body) is hit is a hash of the seed, the request and n
 * ({@link dev.healthaudit.sandbox.FaultInjector}). Thread interleaving changes which
 * request comes first, never which ones are hit, so a failure can be replayed.</li>
 * <li>Bursts: a hit lasts {@code burst} arrivals of that request, so a test picks "the
 * retries absorb it" (burst below the policy's attempts) or "they run out" (burst at or
 * above), instead of hoping for a lucky draw.</li>
 * <li>Gateway faults (429, 5xx, reset) answer before the API handles the request, so
 * nothing changes; lost-answer faults (timeout, truncated, HTML) let the API handle it
 * first. The second kind is the hard one for a client: a probe that refreshed an account
 * may be retried and find it already healthy.</li>
 * <li>{@code /oauth/token} is never hit by a per-request fault; only
 * {@code TOKEN_ENDPOINT_DOWN} takes it down, after expiring the issued tokens so that
 * clients must come for a new one.</li>
 * </ul>
 * <b>A realistic environment</b>, for benchmarks that must hold a rate budget in the real
 * world rather than in a lab: noise ({@link dev.healthaudit.sandbox.NoisePlan}: everyday
 * 429s and 5xx, drawn like faults, each hit request failing once or twice and then
 * succeeding, and striking only requests the limit let through, so that noise and limit
 * are counted apart); latency with jitter; the rate limit as a gateway enforces it
 * ({@link dev.healthaudit.sandbox.Limiter#WINDOW}: at most a sixtieth of the per-minute
 * limit in any one second, sliding, refused requests not counted), lowered for a while by
 * a {@link dev.healthaudit.sandbox.LimitSchedule}. The stricter token bucket of earlier
 * versions ({@link dev.healthaudit.sandbox.Limiter#BUCKET}) is kept so that the figures
 * taken with it stay comparable. {@link dev.healthaudit.sandbox.SandboxTotals}, arrivals
 * per tenth of a second and a request log naming each request's account let a benchmark
 * judge a run.
 *
 * <p>
 * Every token the sandbox hands out carries a fixed marker
 * ({@link dev.healthaudit.sandbox.SandboxTokens}) so that leak tests can search logs and
 * reports for all of them at once.
 */
@NullMarked
package dev.healthaudit.sandbox;

import org.jspecify.annotations.NullMarked;
