/**
 * Waiting politely: rate budgets before a request leaves, retries after a transient
 * failure.
 *
 * <p>
 * Time is injected ({@link dev.healthaudit.ratelimit.Sleeper}, a nanosecond time source,
 * {@link java.time.Clock}), so tests never wait in real time.
 * {@link dev.healthaudit.ratelimit.Backoff} is a pure formula: a {@code Retry-After} wins
 * (one longer than the policy's maximum backoff ends the retries rather than coming back
 * early), otherwise capped exponential growth with jitter.
 * {@link dev.healthaudit.ratelimit.Retries} repeats a call, or in its deferring form
 * hands the account back to be attempted later;
 * {@link dev.healthaudit.ratelimit.InlineWaits} decides when a deferring attempt may wait
 * in place instead: only while the work queued behind it hides the wait (see the job
 * package), so a retry never stalls a chunk.
 *
 * <p>
 * <b>Refusals of the pace do not spend an account's attempts.</b> Scalekit's own 429
 * {@code RATE_LIMITED} refuses the environment's rate (a per-environment limit), never
 * the account: the account met the job's pace, or a limit the server lowered for a while.
 * So such an answer is tallied apart from the failures that count towards the policy's
 * {@code max-attempts} ({@link dev.healthaudit.ratelimit.AttemptTally}). Up to
 * {@code max-attempts} of them are free, and later ones count as failures, so a server
 * that refuses forever still ends every account, after at most twice {@code max-attempts}
 * attempts. A provider's 429 still counts: it may be that user's quota. Why: an account
 * whose earlier attempts met a provider outage would otherwise spend its last attempt on
 * the second in which the server halved its limit, and end with the job's pace as its
 * evidence instead of the outage (seen in benchmark (g)). Deciding by the kind of
 * refusal, not by whether the budget has slowed, needs no state shared between threads,
 * and also covers the first refusals of a dip, which arrive before the budget has the
 * evidence to slow down.
 *
 * <p>
 * <b>Budgets.</b> {@link dev.healthaudit.ratelimit.RateBudgets} is the Scalekit client's
 * {@link dev.healthaudit.scalekit.CallListener}, so the client knows nothing of budgets.
 * The environment budget ({@code scalekit.requests-per-minute}) counts every request;
 * each connection's probe budget ({@code connections.<name>.rate-limit}, per second)
 * counts its {@code execute_tool} calls. A tool call takes its connection's token first
 * and the environment's last, while still at the head of the connection's queue, so both
 * hold in every one-second window whatever the order of the input.
 *
 * <p>
 * <b>Tokens</b>: Bucket4j, one bucket per budget
 * ({@link dev.healthaudit.ratelimit.SmoothBandwidth}: greedy refill at the rate, capacity
 * a fiftieth of a second), in memory or shared by shards in PostgreSQL
 * ({@link dev.healthaudit.ratelimit.TokenBuckets},
 * {@link dev.healthaudit.ratelimit.SharedBuckets}). A request takes a token the bucket
 * holds now, never a reservation: threads queue on a fair lock and the head one polls the
 * bucket. A reserved slot is spent whenever its thread wakes, so threads held up together
 * (a GC pause, a busy machine) would send their slots at once, and short-window limiters
 * refuse such bursts; taken tokens bound a burst by the capacity. For the same reason a
 * request takes its tokens only once it is ready to leave, its body serialized, right
 * before the HTTP client sends it: a process's first requests are held up together by
 * class loading and cold code, and tokens taken before that preparation put up to five of
 * one connection's probes within 44 ms, 23 in one second against a rate-limit of 20
 * (benchmark (e) with the input sorted by connection). No wait holds a database
 * connection (the job's connections are lazy, see the job package).
 *
 * <p>
 * <b>Refusals are evidence, weighed</b> ({@link dev.healthaudit.ratelimit.RefusalWindow},
 * {@link dev.healthaudit.ratelimit.AdaptiveRate}). Servers refuse a small share of
 * requests now and then, and may grant less than the configured budget. The first must
 * not slow anyone (the refused account waits its own {@code Retry-After}); the second
 * must bring the rate down to what the server grants, and the rate must climb back when
 * it grants more. So each budget keeps a sliding window of answers (at least 2 s, until
 * it holds 300, at most 10 s; a 429 with or without {@code Retry-After} counts the same;
 * the same request refused again counts once) and acts only on sustained refusals: 2.5 %
 * of the answers and at least 4 for Scalekit's own 429s, a tenth and at least 5 for a
 * provider's (per-user quotas refuse distinct accounts at a steady share whatever the
 * pace, which is no limit of the connection). Then:
 * <ul>
 * <li><b>down</b> to 0.95 of what the server accepted over the last second (for a shared
 * bucket, of the rate times the share not refused), then a one-second hold: refusals of
 * requests already in flight are the same overload. Never below a sixteenth of the
 * configured rate; a pause for the {@code Retry-After} only when 80 % of answers are
 * refused, never longer than the policy's maximum backoff;</li>
 * <li><b>back up</b> at once to 0.97 of that accepted rate (the ceiling), by 1 % of the
 * configured rate per second to a plateau at 0.99 of it (sending exactly at a limit puts
 * one request too many into some windows), 3 s there, then probes of 0.5 % per second. A
 * limit that still holds keeps the accepted rate at the ceiling and shows up as refusals
 * again; once the server accepts clearly more (3 % and 1.5 a second above the ceiling),
 * the limit has moved, the ceiling is forgotten, and steps double up to the configured
 * rate.</li>
 * </ul>
 * {@link dev.healthaudit.ratelimit.RateBudget} keeps the queue and applies these
 * decisions; tested in fake time against scripted servers ({@code PacingTests}) and
 * measured in {@code bench/throughput} (figures in bench/README.md).
 *
 * <p>
 * <b>Shared by the shards of a run</b> (PostgreSQL, table {@code rate_budget_bucket}):
 * one row per budget and run, taken through Bucket4j's select-for-update proxy, one short
 * transaction per token on its own pooled connection, the wait for a refill outside it.
 * Time is the wall clock, the one all processes share. Sustained refusals seen by one
 * shard lower the shared rate for all ({@link dev.healthaudit.ratelimit.BucketRate}
 * notices another shard's change and the budget adopts it, as its own decrease, instead
 * of lowering again); recovery is taken only from the rate as it is now, so one shard
 * leads it. On H2 (one process per file) each shard spends 1/N of every budget.
 */
@NullMarked
package dev.healthaudit.ratelimit;

import org.jspecify.annotations.NullMarked;
