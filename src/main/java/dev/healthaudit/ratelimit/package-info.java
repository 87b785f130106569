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
 * the environment budget (shared by every request, and the one Scalekit enforces) holds exactly. It waits for the
 * environment while still at the head of its connection's queue: connection tokens taken one by one and then held up
 * together in the environment's queue left in a bunch (23 probes in one second against a {@code rate-limit} of 20, with
 * an input sorted by connection); now a connection's requests leave no closer together than its own tokens allow.
 *
 * <p>
 * Library: Bucket4j 8.18.0 ({@code bucket4j_jdk17-core}, and {@code bucket4j_jdk17-postgresql} for budgets shared by
 * shards, below), a bucket per budget; no hand-written limiter. Where the buckets live is a
 * {@link dev.healthaudit.ratelimit.TokenBuckets}: this process's memory (whole runs, and any run on H2), or
 * {@link dev.healthaudit.ratelimit.SharedBuckets}. A request takes a token the bucket holds now
 * ({@code tryConsumeAndReturnRemaining}), never a reservation of a later slot: the requesting threads of a budget queue
 * on a fair lock, and the one at its head asks the bucket and, when it is empty, sleeps through the injected
 * {@code Sleeper} (which counts the wait) until the next refill and asks again. Reserved slots were tried first and
 * caused the job's own 429s: threads held up together (a GC pause, a busy machine, two processes starting at once)
 * sent all their slots the moment they woke, far above the rate for an instant, and short-window limiters refuse such
 * bursts (54 refusals in a benchmark at concurrency 128, one to five in sharded tests); a taken token is spent at once,
 * so a burst is bounded by the bucket's capacity whatever the threads do. Local buckets read the injected time through
 * a {@link io.github.bucket4j.TimeMeter}. Waiting happens in the worker thread, before the HTTP request, and never
 * while holding a database connection: Spring Batch 6 audits a chunk's accounts on worker threads between opening
 * the chunk's transaction and writing it, and the application's {@code DataSource} hands that transaction a pooled
 * connection only at its first statement (the writer's), see the job package.
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
 * <b>Refusals are evidence, weighed</b> ({@link dev.healthaudit.ratelimit.RefusalWindow},
 * {@link dev.healthaudit.ratelimit.AdaptiveRate}). Real servers refuse a small share of requests now and then (one
 * user's provider quota, a gateway's hiccup), and they may also grant less than the configured budget. The first kind
 * must not slow anyone: the refused account waits its own {@code Retry-After} (it is deferred, see the job package) and
 * every other request goes on at the configured rate. An earlier design halved the budget on every Scalekit 429 and
 * took 10 s to recover; against a server refusing 1 % of calls at random it spent 0.30 of its budget. So each budget
 * keeps, over a sliding window, its sends and the answers it got (accepted, or refused with a 429, with or without
 * {@code Retry-After}: both count the same). The window reaches back at least 2 s and until it holds 300 answers, at
 * most 10 s, so that a share means as much at 14 requests per second as at 1,000. Refusals are <i>sustained</i> when at
 * least 2.5 % of the window's answers, and at least 4 of them, were refusals: a sporadic 1 % reaches that about once in
 * a hundred windows, and then lowers the rate by a few percent only (below). For a provider's 429s the threshold is a
 * tenth of the answers (at least 5): per-user quotas refuse distinct accounts at a steady share whatever the job's
 * pace (the sandbox's fleet has several in a hundred, and at 2.5 % they lowered a connection to its floor in benchmark
 * (f)); a provider limit below the connection's rate then costs up to some 6 % of its probes refused (and retried). Shares are taken over answers, not sends,
 * so requests still in flight do not dilute the evidence.
 * <ul>
 * <li><b>Down to what the server accepts.</b> Sustained refusals set the rate to 0.95 of what the server accepted
 * over the last second (answers that were not refusals, per second: while it refuses, that is its limit); for a bucket
 * shared by shards, where one process sees only its own answers, to 0.95 of its rate times the share not refused. An
 * earlier version took the rate sent over the whole window as the basis, and a window that still held the start of
 * the run or the climb after a decrease set the rate far below the limit (0.69 of it in benchmark (f)). The same
 * request refused again within the window (one user's quota refusing that account's retries) counts once. One
 * decrease answers one overload: for a second
 * after it (the hold), refusals of requests already in flight change nothing, and the window starts afresh. Never below
 * a sixteenth of the configured rate. Only when the server refuses nearly everything (80 % of the answers) does the
 * budget also pause, for the {@code Retry-After} (1 s without one), and never longer than the policy's maximum backoff:
 * a server asking for longer makes that account final (the retry package's rule) and must not stall every other.</li>
 * <li><b>Back up, carefully where it hurt, fast where it no longer does.</b> After the hold, the rate returns at once to
 * 0.97 of the rate last accepted (the <i>ceiling</i>), climbs by a hundredth of the configured rate per second to a
 * plateau at 0.99 of it (sending at a limit exactly puts one request too many into some one-second windows), stays
 * there 3 s, then probes above it by half a hundredth per second. A limit that still holds keeps what the server
 * accepts at the ceiling and shows up as sustained refusals within a few steps, and the cycle starts again (about 1-3 %
 * of requests refused). Once the server accepts clearly more than the ceiling (3 % and more than 1.5 answers a second
 * over the last second; for a shared bucket, whose process sees only its own answers, once the rate passes it by
 * 3 %), the limit has moved: the ceiling is forgotten and the steps double each second (2 %, 4 %, ... at most 25 % of
 * the configured rate) up to the configured rate. A limit halved for 30 s and then lifted is left behind within
 * about 6 s in fake time.</li>
 * </ul>
 * The same rules apply to Scalekit's own {@code RATE_LIMITED} (the environment budget) and to a provider's 429
 * ({@code TOOL_ERROR}, that connection's budget only, and only the provider's answers count for it). Tested in fake
 * time against scripted servers ({@code PacingTests}: sporadic 1 %, a limit at 70 % of the budget, a limit halved for
 * 30 s, refusals without {@code Retry-After}, a provider limit below a connection's rate; and two shards sharing one
 * budget in {@code SharedRateBudgetIntegrationTests}); measured through the separate-process sandbox in
 * {@code bench/throughput} (e), (f), (g).
 *
 * <p>
 * <b>Shared by the shards of a run.</b> A sharded run on PostgreSQL keeps its buckets in the database
 * ({@link dev.healthaudit.ratelimit.SharedBuckets}, table {@code rate_budget_bucket}, migration V5), so that its N
 * processes spend each budget together instead of 1/N each: a shard with nothing left to do leaves the whole budget to
 * the others. One row per budget, keyed {@code <run id>/environment} or {@code <run id>/connection/<name>}: shards of
 * the same run (policy and {@code --run-key}) share them, any other run has its own; the shard that completes the run
 * deletes them. Bucket4j's select-for-update proxy turns each request for a token into one short transaction on its own
 * pooled connection (begin, {@code select ... for update} of the row, compute, {@code update}, commit, and the connection is
 * released in a {@code finally}: {@code AbstractSelectForUpdateBasedProxyManager} in 8.18.0); asking is
 * that transaction alone, and the wait for the next refill comes after it returned, so the wait is local and holds
 * no connection, row lock or transaction. Time is the wall clock ({@code Clock}; Bucket4j takes it as its client
 * clock, the one time all processes share), injected like the rest, so the tests run several "shards" over one fake
 * clock. Each process asks for one token at a time per budget (the fair lock), so its threads never queue for the
 * pool and the row. That also bounds what
 * budgets take from the connection pool: at most one connection per budget and process at any moment.
 *
 * <p>
 * Adaptivity across processes: sustained refusals seen by one shard lower the shared bucket's rate, which slows every
 * shard at once (a pause, when the server refuses nearly everything, is local: other shards learn of the overload from
 * their own refusals). Each budget reads the shared configuration at most once per growth step (1 s), and right before
 * it changes the rate itself, and adopts what another shard set. When several shards are refused in one overload, the
 * first to act lowers the rate and the others, finding it lowered since they last looked, take that as their decrease
 * (and hold) rather than lowering again. Recovery steps are taken
 * only from the rate as it is now and restart whenever a budget finds another shard's change, so one shard leads the
 * recovery and the rate comes back no faster than in a single process, also when the shard that was refused has
 * finished or died: any shard that still spends the budget brings it back. A shard that starts or resumes adopts the
 * current shared rate at its first request.
 *
 * <p>
 * Limits: every request costs a transaction on its budget's row (a tool call one on each of its two budgets),
 * serialized across all shards: three round trips, two of them holding the row, so a budget manages some hundreds of
 * tokens per second with the database a millisecond away (about 1,500 per second for three processes on the test
 * machine's local PostgreSQL), far above the budgets this job spends. A send happens up to a transaction's time
 * after its slot, so a slow database makes sends less even; a stalled process (or a stalled receiver) turns the slots
 * that passed meanwhile into one burst, as it did before budgets were shared. A database outage while a request waits
 * for its token fails the run (exit 1) like any other database failure; the next start resumes it. On H2 (one process
 * per database file) shards cannot share, and each spends 1/N of every budget, as before.
 *
 * <p>
 * Waits are counted per budget ({@link dev.healthaudit.ratelimit.RateBudgets#waits()},
 * {@link dev.healthaudit.ratelimit.RateBudgets#totalWait()}, all threads added up) for progress lines and the run
 * summary; a shard counts its own threads' waits.
 */
package dev.healthaudit.ratelimit;
