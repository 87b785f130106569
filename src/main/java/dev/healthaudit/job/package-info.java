/**
 * Spring Batch wiring, and nothing else: the only package that imports Spring Batch types.
 *
 * <p>
 * Design: one job, {@code accountAudit}: a first pass, a loop of second-pass rounds, a report. {@code audit} is a chunk-oriented step (Batch 6
 * {@code ChunkOrientedStep}) that reads input records on the step thread, audits the chunk's accounts concurrently on a
 * task executor (parallelism = policy {@code concurrency}), and writes results and rejects together with the checkpoint
 * (the reader's record position) in one transaction. A crash therefore repeats at most the chunk in flight, and a
 * replay overwrites its own rows. {@code audit-deferred} is one round of the second pass (below), repeated while a
 * decider finds deferred accounts left. {@code report} writes the outputs once every account is stored.
 *
 * <p>
 * Concurrency: Batch 6's own {@code ChunkOrientedStep} with a {@code ThreadPoolTaskExecutor} of {@code concurrency}
 * threads, rather than partitioning or async item processors: the step thread reads a chunk, hands one task per
 * account to the pool and writes the results once all are done, so the reader and writer need not be thread-safe
 * and the checkpoint stays exact (stack-notes §4 measured 21x on 32 threads). The cost is the chunk barrier: a chunk
 * waits for its slowest account, and the pool idles while the step thread writes one chunk and reads the next. Two
 * things keep that small:
 * <ul>
 * <li><b>No retry wait stalls a chunk.</b> An account whose call fails transiently (a 429 with {@code Retry-After}, a
 * provider or Scalekit outage, a timeout) waits for its next try in place only when the wait hides behind other work
 * ({@code ratelimit.InlineWaits}): in the first pass, when the accounts queued on the executor keep the other workers
 * busy for longer than the attempt's waits add up to (queued x a typical attempt / workers), and at most half of the
 * workers wait so at once. A wait in place retries only the call that failed. Otherwise the processor returns it as
 * deferred ({@code AccountAuditor#attempt}, with the time it may be tried
 * again), and the writer stores it in {@code audit_deferred} in the chunk's transaction, like a result. Deferred
 * accounts that come due rejoin the first pass: at each chunk boundary ({@code FirstPassReader#update}, in the chunk's
 * transaction after its writer) up to a quarter of a chunk of them is taken and handed out first in the next chunk, so
 * their waits overlap the rest of the input. Boundaries can be half a minute apart, so a deferred account is also
 * attempted early ({@code EarlyAttempts}): when it comes due, on the executor behind the work queued there, its
 * finished result journaled; the chunk or round that reads its deferral back takes that outcome instead of attempting
 * it again. The deferral is stored as before, so a crash loses nothing but the early attempts in flight. The second pass, after the input, is a loop of rounds: the step {@code audit-deferred} reads the deferred accounts due when the round began, in
 * input order, and attempts each again from the start; one that fails transiently again is rewritten as deferred (due
 * after the round's horizon, so the round ends rather than meeting it again) until the policy's {@code max-attempts},
 * counted per account, are spent; within a round, up to half of the workers wait in place for their accounts' next
 * try, since nothing else is left to do. A decider ({@code DeferredAccountsLeft}) then waits, on the job thread and outside
 * any transaction, until the next deferred account is due and starts another round ({@code allowStartIfComplete}),
 * or goes on to the report when none is left. Results and the end of a deferral are stored in one transaction, so a
 * crash in any round loses or repeats nothing (the reader keeps no checkpoint: the rows left are the work left). A
 * duplicate of an account held by a deferral is rejected as a duplicate of the deferred line, as it would be of a
 * result. The waits of all deferred accounts overlap: with 2 % of the accounts refused twice by their provider
 * ({@code Retry-After: 1}), the rounds of a million-account run take seconds, where threads sleeping through each
 * account's waits (concurrency / wait = about 25 accounts/s) took a quarter of an hour.</li>
 * <li><b>Head start for the next chunk.</b> Once the last account of a chunk is taken by a thread, the threads that
 * finish their accounts would idle through the chunk's tail, its write and commit, and the next read (about 0.4 s at
 * each boundary; ten boundaries cost 4.4 s of an 86 s run, about 0.05 of the budget, in the benchmark). Instead,
 * when the reader hands out a chunk's last item it reads the next {@code 2 x concurrency} input records ahead, and
 * {@code HeadStart} submits their audits to the same executor when that last item's processing begins, so they queue
 * behind every account of the chunk. The records read ahead are handed to Batch at the end of the next chunk, where
 * {@code HeadStart} returns the result already computed (or computes it then if no thread took it yet); so they are
 * stored, like every result, only in the transaction of the chunk that holds them, and the checkpoint is the position
 * of the records handed out, never of those read ahead. A crash or a stop loses the head starts in flight (at most
 * {@code 2 x concurrency} accounts audited again after a restart, their calls counted in the API statistics); a
 * committed account is never audited again. It stays Batch's concurrent chunk processing on Batch's executor:
 * nothing else schedules work, and nothing is stored outside a chunk transaction.</li>
 * <li><b>Chunks of sixteen times {@code concurrency}</b> (at most 2,000; {@code audit.chunk-size} overrides), so the
 * tail and the write between chunks are a small share of a chunk (0.77 of the budget at four times, 0.92 at sixteen
 * in the same benchmark, see bench/README.md). A crash repeats at most one chunk: about 8 s of work at 130
 * accounts/s.</li>
 * </ul>
 * <b>Durable within a second, whatever the chunk's pace</b> ({@code result.ResultJournal}). A chunk commits when its
 * slowest account is done: seconds in a fast run, but a thousand accounts at 12 per second took 80 s, and a crash
 * repeated all of them. Ending chunks by time is not possible in Batch 6's {@code ChunkOrientedStep} (it reads a whole
 * chunk before processing it, and a null from the reader ends the step), and small chunks would give back the
 * throughput the head starts won. So each finished result is also written to a journal ({@code audit_journal}) by a
 * background writer that commits every second, outside the chunk transactions; the chunk that stores a result deletes
 * its journal row, and a completed run deletes what is left. A restarted process loads the journal of its run and
 * shard (at most a chunk and its head starts: rows already stored as results or rejects are skipped) and the processor
 * hands Batch the journaled result instead of auditing the account again. Batch's restart semantics stay as they were
 * (resume from the last commit, which re-reads the uncommitted records); only the auditing is skipped. A kill then
 * repeats the accounts in flight and at most the last second's results; the journal costs one batched insert and
 * delete per account. Deferred attempts are not journaled: they were not finished, and are attempted again anyway.
 *
 * <p>
 * Progress counts accounts when their audit finishes (and those recovered from the journal), and says how many of
 * them are committed, so the line moves from the first interval in which accounts finish.
 *
 * <p>
 * Batch opens a chunk's transaction before reading it and commits after writing; the accounts are audited (and wait for
 * rate budgets) in between on worker threads, outside any transaction of theirs. The application's {@code DataSource}
 * hands out connections lazily ({@code command.LazyConnections}), so the step thread takes a pooled connection only
 * when the writer (or a database reader) runs its first statement: waiting for a budget never holds one.
 *
 * <p>
 * Progress ({@code Progress}, formatted by the plain {@code ProgressLine}) is logged every
 * {@code audit.progress-interval} from a timer thread and drawn as a live bar when stdout is a terminal.
 *
 * <p>
 * Observability: the job and its steps are built per run, not declared as beans, so Boot's
 * {@code BatchObservabilityBeanPostProcessor} never sees them; {@link dev.healthaudit.job.AuditJob} passes the
 * {@code ObservationRegistry} to each builder itself (without it only {@code spring.batch.job.active} would be
 * recorded). Every log line of a run carries its run id from the MDC: the command sets it on the main thread (the
 * step thread), the audit executor's {@code TaskDecorator} copies the submitting thread's MDC into each task, and
 * the progress timer copies it when it starts.
 *
 * <p>
 * A run is one job instance, identified by the policy name and a run id. The job is built per run from plain
 * collaborators ({@link dev.healthaudit.job.AuditRun}) rather than scoped beans, so the run's policy, client and source
 * are ordinary constructor arguments. Resuming is deciding which run id to use: {@link dev.healthaudit.job.AuditJob}
 * recovers a stale execution left by a killed process and starts the same instance again, which Spring Batch turns
 * into a restart from the last checkpoint. No incrementer: it would always start a new instance. Batch creates the
 * instance and its first execution in separate transactions; a process killed in between leaves an instance without
 * execution that Batch refuses to start or restart, so {@code AuditJob} deletes such an instance (nothing ran for it)
 * before starting. The report step logs when it begins, which is also what crash tests time their kills by.
 */
package dev.healthaudit.job;
