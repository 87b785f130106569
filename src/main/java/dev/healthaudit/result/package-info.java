/**
 * The results store: one row per audited account and per rejected input record, per run, in the job's own
 * database (H2 by default, PostgreSQL in production), with the schema versioned by Flyway.
 *
 * <p>
 * History ({@link dev.healthaudit.result.RunHistory}): when a run's reports are written, one narrow row per result
 * is inserted into {@code audit_history}, computed in bulk by the database from the previous completed run's rows
 * there (problem age, previous health, times asked, last real use); the reports read results joined with it.
 *
 * <p>
 * Design: rows are written by the job's chunk writer in the chunk's transaction, so a committed chunk and its
 * checkpoint are one unit; a restart replays at most the uncommitted chunk, and replays overwrite (delete then insert,
 * portable across both databases) instead of duplicating. Reports read the rows back as a stream ordered by input
 * line, never the whole run in memory.
 *
 * <p>
 * Every migration is idempotent ({@code if not exists}): H2 keeps the DDL of a migration that failed half-way, and the
 * next start applies it again ({@code command.RecoveringMigration}).
 *
 * <p>
 * A run-level incident ({@link dev.healthaudit.result.EnvironmentIncident}) is recognised from the stored rows alone:
 * the INCONCLUSIVE accounts grouped by what their failed read left ({@code status}, {@code probe_outcome},
 * {@code http_status}, {@code error_code}), each group judged by the small predicate
 * {@link dev.healthaudit.result.EnvironmentCause#of}.
 */
package dev.healthaudit.result;
