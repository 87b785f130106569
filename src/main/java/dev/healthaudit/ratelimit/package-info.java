/**
 * Waiting politely: retry backoff now, rate budgets later.
 *
 * <p>
 * Design: time is injected ({@link dev.healthaudit.ratelimit.Sleeper}, {@link java.time.Clock}) so that tests never
 * wait in real time. {@link dev.healthaudit.ratelimit.Backoff} is a small pure formula: a server's
 * {@code Retry-After} wins when present (and when it asks for longer than the policy's maximum backoff we give up
 * rather than come back early); otherwise exponential growth with jitter, capped.
 */
package dev.healthaudit.ratelimit;
