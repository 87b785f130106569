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
 * A run is one job instance, identified by the policy name and a run id. The job is built per run from plain
 * collaborators ({@link dev.healthaudit.job.AuditRun}) rather than scoped beans, so the run's policy, client and source
 * are ordinary constructor arguments. Resuming is deciding which run id to use: {@link dev.healthaudit.job.AuditJob}
 * recovers a stale execution left by a killed process and starts the same instance again, which Spring Batch turns
 * into a restart from the last checkpoint. No incrementer: it would always start a new instance.
 */
package dev.healthaudit.job;
