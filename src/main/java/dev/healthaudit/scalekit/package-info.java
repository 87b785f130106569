/**
 * REST client for the Scalekit AgentKit API, following {@code shared/docs/scalekit-api.md} to the letter.
 *
 * <p>
 * Design: {@link dev.healthaudit.scalekit.ScalekitClient} is the only public entry point. It speaks REST/JSON over the
 * JDK {@link java.net.http.HttpClient} (no extra HTTP stack; per-request timeouts let probe calls use the longer tool
 * timeout). Every call ends in a {@link dev.healthaudit.scalekit.CallResult}: either a success value or one of the
 * closed set of {@link dev.healthaudit.scalekit.ApiFailure} types, so that "not found", "rate-limited", "provider error"
 * and "timed out" stay distinct values instead of exceptions. The only exception is
 * {@link dev.healthaudit.scalekit.ScalekitAuthenticationException}: wrong client credentials make every further call
 * pointless, so the job stops at once instead of writing thousands of failed rows.
 *
 * <p>
 * The client-credentials token is cached and shared by all threads, renewed when less than a tenth of its lifetime
 * (at most 60 s) remains, and renewed once on a 401 that does not carry {@code TOOL_ERROR} (a provider 401 means the
 * end user's grant is dead, not ours). Provider access and refresh tokens from {@code /auth} are dropped while parsing:
 * they never reach a record, a log line or a report.
 */
package dev.healthaudit.scalekit;
