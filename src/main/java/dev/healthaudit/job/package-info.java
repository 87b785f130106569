/**
 * Spring Batch wiring, and nothing else: the only package that imports Spring Batch
 * types.
 *
 * <p>
 * <b>One job per run</b>, {@code accountAudit}, built per run from plain collaborators
 * ({@link dev.healthaudit.job.AuditRun}) rather than scoped beans, and identified by the
 * policy name and the run id (no incrementer: resuming is choosing the run id).
 * {@link dev.healthaudit.job.AuditJob} marks a stale execution left by a killed process
 * as failed, deletes an instance left without any execution (Batch creates the two in
 * separate transactions), and starts the instance again, which Batch turns into a restart
 * from the last checkpoint. Steps: {@code audit} (the first pass), {@code audit-deferred}
 * (a round of the second pass, repeated while the decider {@code DeferredAccountsLeft}
 * finds deferred accounts, waiting outside any transaction until the next is due), and
 * {@code report}.
 *
 * <p>
 * <b>Concurrency</b>: Batch 6's own {@code ChunkOrientedStep} with a
 * {@code ThreadPoolTaskExecutor} of {@code concurrency} threads: the step thread reads a
 * chunk, the pool audits its accounts, the step thread writes results, rejects and the
 * reader's position in one transaction. Reader and writer need not be thread-safe and the
 * checkpoint stays exact. The price is the chunk barrier (a chunk waits for its slowest
 * account), which four things keep small:
 * <ul>
 * <li><b>Chunks of sixteen times {@code concurrency}</b> (at most 2,000;
 * {@code audit.chunk-size} overrides): tail and write are a small share of a chunk.</li>
 * <li><b>Head starts</b> ({@code HeadStart}): when a chunk's last item starts, the next
 * {@code 2 x concurrency} input records, read ahead, are submitted behind it, so threads
 * the tail leaves idle work on; their results are stored only with the chunk that holds
 * them, and the checkpoint never counts records read ahead.</li>
 * <li><b>No retry wait stalls a chunk.</b> A transient failure (a 429, an outage, a
 * timeout) is waited out in place only while the accounts queued on the executor hide the
 * wait ({@code ratelimit.InlineWaits}, at most half the workers); otherwise the account
 * is deferred: stored in {@code audit_deferred} in the chunk's transaction with the time
 * it may be tried again. Deferred accounts due at a chunk boundary rejoin the first pass
 * (up to a quarter of a chunk, first in the next chunk); each is also attempted early,
 * when it comes due, behind the queued work ({@code EarlyAttempts}), and the chunk or
 * round that reads its deferral back takes that outcome. Attempts are counted per account
 * up to the policy's {@code max-attempts}, Scalekit's refusals of the environment's rate
 * apart ({@code ratelimit.AttemptTally}). In second-pass rounds waits in place are always
 * allowed: nothing else is left.</li>
 * <li><b>Lazy connections</b> ({@code command.LazyConnections}): the chunk's transaction
 * takes a pooled connection only at the writer's first statement, so waiting for a budget
 * never holds one.</li>
 * </ul>
 *
 * <p>
 * <b>Durable within a second</b> ({@code result.ResultJournal}): a chunk commits when its
 * slowest account is done, which in a slow run can be a minute, and Batch 6 cannot end a
 * chunk by time. So each finished result is also journaled by a background writer that
 * commits every second; the chunk that stores a result deletes its journal row. A
 * restarted process resumes from Batch's last commit as usual, and the processor hands
 * Batch the journaled results instead of auditing those accounts again: a kill repeats
 * the accounts in flight and at most the last second. Results and the end of a deferral
 * are stored in one transaction, so no round loses or repeats anything.
 *
 * <p>
 * <b>Progress</b> ({@code Progress}, {@code ProgressLine}) counts accounts when their
 * audit finishes and says how many are committed; a timer logs it every
 * {@code audit.progress-interval}, and draws a bar on a terminal. Every log line carries
 * the run id (the executor's {@code TaskDecorator} copies the MDC), and the job and steps
 * get the {@code ObservationRegistry} from {@code AuditJob} itself, since they are not
 * beans.
 */
@NullMarked
package dev.healthaudit.job;

import org.jspecify.annotations.NullMarked;
