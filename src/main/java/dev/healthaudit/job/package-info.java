/**
 * Spring Batch wiring, and nothing else: the only package that imports Spring Batch types.
 *
 * <p>
 * Design: one job, {@code accountAudit}, of two steps. {@code audit} is a chunk-oriented step (Batch 6
 * {@code ChunkOrientedStep}) that reads input records on the step thread, audits the chunk's accounts concurrently on a
 * task executor (parallelism = policy {@code concurrency}; the chunk is a few times larger so that one slow account
 * does not idle the others for long), and writes results and rejects together with the checkpoint (the reader's
 * record position) in one transaction. A crash therefore repeats at most the chunk in flight, and a replay overwrites
 * its own rows. {@code report} writes the outputs once every account is stored.
 *
 * <p>
 * Concurrency: Batch 6's own {@code ChunkOrientedStep} with a {@code ThreadPoolTaskExecutor} of {@code concurrency}
 * threads, rather than partitioning or async item processors: the step thread reads a chunk, hands one task per
 * account to the pool and writes the results once all are done, so the reader and writer need not be thread-safe
 * and the checkpoint stays exact (stack-notes §4 measured 21x on 32 threads). The cost is the chunk barrier: a chunk
 * waits for its slowest account, so parallelism drops while the last accounts of a chunk finish (a provider's
 * {@code Retry-After} or a slow probe stalls up to a whole chunk). Chunks of four times {@code concurrency}
 * ({@link dev.healthaudit.job.AuditJob#chunkSize(int)}) amortise that tail while a crash still repeats only a few
 * seconds of work. Processors (where rate budgets block, see {@code ratelimit}) run outside the chunk transaction,
 * so waiting for a budget never holds a database connection.
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
