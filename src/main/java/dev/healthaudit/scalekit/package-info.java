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
 * end user's grant is dead, not ours). Still refused after that renewal, the call ends as
 * {@link dev.healthaudit.scalekit.ApiFailure.CredentialsRefused}: transient (retried and deferred like a 503, never
 * a verdict on the account), and recorded in evidence under the error code {@code credentials_refused}. Provider
 * access and refresh tokens from {@code /auth} are dropped while parsing: they never reach a record, a log line or a
 * report.
 *
 * <p>
 * Misbehaving servers (issue 13). Nothing a server sends can hang a thread, exhaust the heap, overflow a number or
 * leak a secret; each bound below turns into one of the failures above:
 * <ul>
 * <li><b>Deadline.</b> The JDK's request timeout only covers the wait for the headers, so a body dripped a byte at a
 * time never timed out. Each exchange, body included, now has a deadline of the connect timeout plus the read timeout
 * (tool timeout for {@code execute_tool}); past it the exchange is abandoned, its connection closed, and the call is
 * {@code TimedOut} (transient). The token request has the same deadline, and threads that waited for a token attempt
 * that failed share its failure instead of each trying again in turn.</li>
 * <li><b>Size.</b> Bodies are read as they stream in, up to a limit per route, and the connection is closed at the
 * first byte over it (or at once when {@code Content-Length} says so). Token, account and authorization-link answers:
 * 64 KiB (they are a few KB; every worker thread may hold one, and its JSON tree takes several times its size). An
 * account-list page: 1 MiB (99 accounts of about half a KB, read by one thread). A tool answer: 1 MiB, checked to be
 * JSON and read for its {@code execution_id} only, without building a tree (a probe is a cheap read-only call whose
 * data is not kept). A successful answer over its limit is {@code TooLarge} ("answer larger than 64 KiB"): final, not
 * retried, since the same server would send it again. An error body over 64 KiB is ignored and the answer judged by
 * its status alone. Headers are bounded by the JDK (384 KiB by default, {@code jdk.http.maxHeaderSize}).</li>
 * <li><b>Numbers.</b> {@code Retry-After} (seconds or HTTP date) is clamped to one day without overflow, however
 * many digits it has; negative or unparsable values count as absent. A wait longer than the policy's
 * {@code max-backoff} still reaches the caller as {@code RateLimited} with that duration, which makes the account
 * final. A token's {@code expires_in} is clamped to 24 hours; zero, negative, absent or not a number makes a token that
 * serves the one request it was fetched for and is renewed for the next.</li>
 * <li><b>Texts.</b> A server's error codes keep identifier characters only and at most 64 of them; messages are cut
 * to 1,024 characters; account ids and statuses to 64 (the results store's columns). A token that is not visible
 * ASCII (a line break could inject a header) and an authorization link that is not a plain http(s) URL are malformed
 * answers. Redirects are never followed (one could send our token elsewhere): a 3xx is a final
 * {@code InvalidRequest}.</li>
 * <li><b>Secrets.</b> The client secret and the access token sent are blanked from every text the server sends back
 * before it becomes part of an {@code ApiError}; messages of I/O exceptions are never quoted (the JDK's can repeat a
 * malformed status line or header the server sent), only a fixed description of their kind.</li>
 * </ul>
 */
package dev.healthaudit.scalekit;
