/**
 * One run: which run a start belongs to, the lease that keeps it alone, its
 * collaborators, and the publishing of its reports.
 *
 * <p>
 * Design: the command keeps the procedure (options, policy, lease, assemble, run, finish)
 * and turns its outcomes into exit codes; this package holds what the steps of a run
 * involve. {@link dev.healthaudit.run.PolicyLeases} takes the lease on the policy (on one
 * shard of it, for a shard) before a run is chosen, so that two starts never both choose
 * one. {@link dev.healthaudit.run.RunAssembly} turns the policy and this installation's
 * {@code RunSettings} into {@link dev.healthaudit.run.RunParts}: the rate budgets
 * ({@code RunBudgets}), one Scalekit client with the policy's retries and the auditors
 * over it ({@code ScalekitAccess}), and the checked input ({@code RunInput}). The parts
 * are built per start, not as beans, because nearly all of them depend on the policy,
 * which is known only once the options are read. Adding a collaborator touches the
 * assembly and the parts, and {@code job.AuditRun} only when the job itself needs it.
 *
 * <p>
 * The order is part of the behaviour: everything that can be refused without an API call
 * is checked first (run key, credentials present, source header, a CSV file that is
 * mostly rejects), then a token is asked for, and only then is a run resumed, joined or
 * started ({@code RunSelector}), so that a refused start leaves no run behind. For a
 * whole input the unfinished run of the policy is resumed when its policy file and input
 * are unchanged; a shard joins the sharded run named by its key
 * ({@link dev.healthaudit.run.RunChoice}).
 *
 * <p>
 * A shard's budgets are the run's buckets in PostgreSQL, which all its shards spend
 * together; on any other database (an H2 file belongs to one process) each shard spends
 * 1/n of every budget instead, which also keeps the shards within them. The buckets are
 * deleted once the run's reports are published.
 *
 * <p>
 * {@code ReportPublisher} writes the reports once every account is stored, or, for one
 * shard of several, leaves them to the last shard to finish; it says which with an
 * {@code Optional<Path>} (empty: another shard writes them), and the job records a
 * directory only when there is one. After a shutdown began ({@code ShutdownSignal})
 * nothing is published: published reports mean a completed run, and a stopped one resumes
 * and only writes them.
 *
 * <p>
 * Dependencies: command, then run, then job, then the feature packages. This package
 * never imports Spring Batch (the job answers with its own {@code RunOutcome}) nor the
 * command (exit codes and options stay there); {@code ArchitectureTests} checks both, and
 * that no packages form a cycle.
 */
@NullMarked
package dev.healthaudit.run;

import org.jspecify.annotations.NullMarked;
