/**
 * REST client for the Scalekit AgentKit API, following
 * {@code shared/docs/scalekit-api.md} to the letter.
 *
 * <p>
 * Design: {@link dev.healthaudit.scalekit.ScalekitClient} is the only public entry point;
 * each of its calls names a route, a request payload and the record its answer is read
 * into. Requests go out through Spring's {@code RestClient} (URI variables encode
 * {@code +} as {@code %2B}; payload records are written as snake_case JSON) over
 * {@code BoundedRequestFactory}, a JDK {@link java.net.http.HttpClient} transport that
 * bounds every exchange (below), which Spring's own JDK factory does not. Answers are
 * read as bytes, whatever their {@code Content-Type}, into package-private records
 * ({@code AccountAnswer}, {@code ToolAnswer}, {@code ErrorAnswer}...) by
 * {@code ScalekitJson}: snake_case names with camelCase aliases, unknown fields ignored,
 * and a value of an unexpected shape absent rather than fatal, as the reference advises.
 * Every call ends in a {@link dev.healthaudit.scalekit.CallResult}: a success value or
 * one of the closed set of {@link dev.healthaudit.scalekit.ApiFailure} types, so that
 * "not found", "rate-limited", "provider error" and "timed out" stay distinct values
 * instead of exceptions. The only exception is
 * {@link dev.healthaudit.scalekit.ScalekitAuthenticationException}: wrong client
 * credentials make every further call pointless, so the job stops at once instead of
 * writing thousands of failed rows.
 *
 * <p>
 * The client-credentials token is cached and shared by all threads, renewed when less
 * than a tenth of its lifetime (at most 60 s) remains, and renewed once on a 401 that
 * does not carry {@code TOOL_ERROR} (a provider 401 means the end user's grant is dead,
 * not ours). Still refused after that renewal, the call ends as
 * {@link dev.healthaudit.scalekit.ApiFailure.CredentialsRefused}: transient (retried and
 * deferred like a 503, never a verdict on the account), recorded in evidence under the
 * error code {@code credentials_refused}. The provider access and refresh tokens in
 * {@code /auth} answers are never bound to a record: they never reach a log line or a
 * report.
 *
 * <p>
 * Transport threads. The JDK client runs each exchange's steps on an executor; its
 * default, a cached pool, starts a thread whenever none is idle, and a thread's start
 * waits until the new thread is scheduled. In a run's first seconds the pool grows with
 * the traffic, and on a busy machine (the job's own start-up compiling code on every
 * core) those starts held every exchange back together: captured on the wire, requests
 * whose rate tokens were taken evenly, 100 a second, left after a 100-260 ms silence in
 * one burst, up to 120 in one second (6 runs on 2 busy cores: 106, 120, 110, 114, 103,
 * 110; bench/README.md, session 7). So the client has its own pool
 * ({@code TransportThreads}): the same cached pool, whose threads for the run's
 * concurrency are started before the run's first request
 * ({@link dev.healthaudit.scalekit.ScalekitClient#prepareForParallelCalls(int)}); more
 * are still started on demand, and idle threads end after a minute as before. With it the
 * same 6 runs peaked at 102-104 on the wire.
 *
 * <p>
 * Misbehaving servers. Nothing a server sends can hang a thread, exhaust the heap,
 * overflow a number or leak a secret; each bound below turns into one of the failures
 * above:
 * <ul>
 * <li><b>Time.</b> The answer's headers must arrive within the read timeout (the tool
 * timeout for {@code execute_tool}), and the whole exchange, body included, within the
 * connect timeout plus that timeout, so that a body dripped a byte at a time cannot hold
 * a thread; past it the connection is closed and the call is {@code TimedOut}
 * (transient). Threads waiting for a token share the failure of the attempt they waited
 * for instead of each trying again in turn.</li>
 * <li><b>Size.</b> Bodies are read as they stream in, up to a limit per route, and the
 * connection is closed at the first byte over it (or at once when {@code Content-Length}
 * says so). Token, account and authorization-link answers: 64 KiB (a few KB in practice,
 * and every worker thread may hold one); an account-list page: 1 MiB (99 accounts of
 * about half a KB, read by one thread); a tool answer: 1 MiB, of which only
 * {@code execution_id} is bound (a probe keeps no provider data). A successful answer
 * over its limit is {@code TooLarge}: final, since the same server would send it again.
 * An error body over 64 KiB is ignored and the answer judged by its status alone. Headers
 * are bounded by the JDK (384 KiB by default, {@code jdk.http.maxHeaderSize}).</li>
 * <li><b>Numbers.</b> {@code Retry-After} (seconds or HTTP date) is clamped to one day,
 * however many digits it has; negative or unparsable values count as absent. A wait
 * longer than the policy's {@code max-backoff} still reaches the caller as
 * {@code RateLimited}, which makes the account final. A token's {@code expires_in} is
 * clamped to 24 hours; zero, negative, absent or not a number makes a token that serves
 * one request and is renewed for the next.</li>
 * <li><b>Texts.</b> Error codes keep identifier characters only, at most 64; messages are
 * cut to 1,024 characters; account ids and statuses to 64 (the results store's columns).
 * A token that is not visible ASCII (a line break could inject a header) and an
 * authorization link that is not a plain http(s) URL are malformed answers. Redirects are
 * never followed (one could send our token elsewhere): a 3xx is a final
 * {@code InvalidRequest}.</li>
 * <li><b>Secrets.</b> The client secret and the access token sent are blanked from every
 * text the server sends back before it becomes part of an {@code ApiError}; messages of
 * I/O exceptions are never quoted (the JDK's can repeat a malformed status line or
 * header), only a fixed description of their kind.</li>
 * </ul>
 */
@NullMarked
package dev.healthaudit.scalekit;

import org.jspecify.annotations.NullMarked;
