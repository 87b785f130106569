/**
 * The results store: one row per audited account and per rejected input record, per run,
 * in the job's own database (H2 by default, PostgreSQL in production), with the schema
 * versioned by Flyway.
 *
 * <p>
 * Layout: {@link dev.healthaudit.result.Stores} builds three stores over one
 * {@code JdbcTemplate}, each with one job: {@link dev.healthaudit.result.RunStore} (run
 * lifecycle, shards, API usage statistics), {@link dev.healthaudit.result.ResultStore} (a
 * chunk's results and rejects, streamed back for the reports, with their history and
 * figures) and {@link dev.healthaudit.result.DeferralStore} (the deferral queue and the
 * first pass's checkpoint). Which of a chunk's accounts are duplicates is decided by a
 * pure class, {@code DuplicateDetector}, from the chunk and the first line holding each
 * of its accounts, which the results store looks up beforehand: the rule is tested
 * without a database.
 *
 * <p>
 * History ({@link dev.healthaudit.result.RunHistory}): when a run's reports are written,
 * one narrow row per result is inserted into {@code audit_history}, computed in bulk by
 * the database from the previous completed run's rows there (problem age, previous
 * health, times asked, last real use); the reports read results joined with it.
 *
 * <p>
 * Design: rows are written by the job's chunk writer in the chunk's transaction, so a
 * committed chunk and its checkpoint are one unit; a restart replays at most the
 * uncommitted chunk, and replays overwrite (delete then insert, portable across both
 * databases) instead of duplicating. Counters and the checkpoint are updated in place, or
 * inserted when no row matched ({@code Upsert}): a MERGE would be one statement, but
 * PostgreSQL has it from version 15 only. Reports read the rows back as a stream ordered
 * by input line, never the whole run in memory.
 *
 * <p>
 * Every migration is idempotent ({@code if not exists}): H2 keeps the DDL of a migration
 * that failed half-way, and the next start applies it again
 * ({@code command.RecoveringMigration}).
 *
 * <p>
 * A run-level incident ({@link dev.healthaudit.result.EnvironmentIncident}) is recognised
 * from the stored rows alone: the INCONCLUSIVE accounts grouped by what their failed read
 * left ({@code status}, {@code probe_outcome}, {@code http_status}, {@code error_code}),
 * each group judged by the small predicate
 * {@link dev.healthaudit.result.EnvironmentCause#of}.
 */
@NullMarked
package dev.healthaudit.result;

import org.jspecify.annotations.NullMarked;
