/**
 * Waiting politely: rate budgets before a request leaves, backoff after a transient failure.
 *
 * <p>
 * Design: time is injected ({@link dev.healthaudit.ratelimit.Sleeper}, a nanosecond time source, {@link java.time.Clock})
 * so that tests never wait in real time. {@link dev.healthaudit.ratelimit.Backoff} is a small pure formula: a server's
 * {@code Retry-After} wins when present (and when it asks for longer than the policy's maximum backoff we give up
 * rather than come back early); otherwise exponential growth with jitter, capped.
 *
 * <p>
 * <b>Budgets.</b> {@link dev.healthaudit.ratelimit.RateBudgets} is the Scalekit client's
 * {@link dev.healthaudit.scalekit.CallListener}: the client stays unaware of budgets. Two kinds:
 * <ul>
 * <li>the environment budget, policy {@code scalekit.requests-per-minute}: every HTTP request the client sends
 * counts, token requests and retries included;</li>
 * <li>one probe budget per connection, policy {@code connections.<name>.rate-limit} (requests per second): only that
 * connection's {@code execute_tool} calls count.</li>
 * </ul>
 * A tool call waits for its connection's budget first and for the environment's last, right before it is sent, so
 * the environment budget (shared by every request, and the one Scalekit enforces) holds exactly. A connection's token
 * can be taken up to one environment queue earlier than its request is sent (at most {@code concurrency} requests
 * deep), which only matters when the environment budget, not the provider's, is the bottleneck.
 *
 * <p>
 * Library: Bucket4j ({@code bucket4j_jdk17-core} 8.18.0, the version whose PostgreSQL module exists for budgets
 * shared by shards), a local bucket per budget; no hand-written limiter. Its blocking API reserves a slot and parks
 * the calling thread until then through our {@link io.github.bucket4j.BlockingStrategy} (which sleeps through the
 * injected {@code Sleeper} and counts the wait); its {@link io.github.bucket4j.TimeMeter} reads the injected time.
 * Waiting therefore happens in the worker thread, before the HTTP request, and never while holding a database
 * connection or a chunk transaction: Spring Batch runs item processors outside the chunk transaction, which begins
 * only when the step thread writes the finished chunk.
 *
 * <p>
 * <b>Bucket settings</b> ({@link dev.healthaudit.ratelimit.SmoothBandwidth}): greedy refill at the budget's rate (a
 * token every 1/rate seconds, not a minute's worth at once), capacity a fiftieth of a second's worth (at least one
 * token). In any one-second window the job then sends at most capacity + rate - 1 requests, within the rate plus
 * 10 % that product §7 allows; a per-minute budget is never spent as a burst, because gateways enforce short windows
 * behind advertised per-minute limits (the sandbox does too). Rates below one per second allow one request per
 * window at most, the best any limiter can do.
 *
 * <p>
 * <b>Adaptive.</b> A 429 slows down the budget it came from: Scalekit's own {@code RATE_LIMITED} the environment
 * budget, a provider's ({@code TOOL_ERROR}) that connection's, but only when at least a tenth of the connection's
 * tool calls over the last 10 s were refused ({@link dev.healthaudit.ratelimit.RecentRateLimits}): providers often
 * enforce per-user quotas, and pausing a whole connection for one busy user starved every other account of it (the
 * first throughput benchmark ran at 0.16 of its budget that way). The budget is paused until {@code Retry-After} has
 * passed (requests whose slot falls into the pause wait for its end and take a new slot) and its rate is halved,
 * at most once a second because the 429s of the requests already in flight report one overload, and never below a
 * sixteenth of the configured rate. Then it recovers additively: every 2 s without a 429 a tenth of the configured
 * rate comes back, so from half the rate to the full rate in 10 s. Rate changes replace the bucket's configuration
 * keeping its tokens as they are, never refilling it.
 *
 * <p>
 * Waits are counted per budget ({@link dev.healthaudit.ratelimit.RateBudgets#waits()},
 * {@link dev.healthaudit.ratelimit.RateBudgets#totalWait()}, all threads added up) for progress lines and the run
 * summary. Budgets are per process: shards sharing one environment would need the PostgreSQL-backed Bucket4j proxy.
 */
package dev.healthaudit.ratelimit;
