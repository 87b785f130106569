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
 * Every token the sandbox hands out carries a fixed marker ({@link dev.healthaudit.sandbox.SandboxTokens}) so that leak
 * tests can search logs and reports for all of them at once.
 */
package dev.healthaudit.sandbox;
