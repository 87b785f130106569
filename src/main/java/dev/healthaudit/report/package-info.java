/**
 * The outputs of a run (product §5), written from the results store.
 *
 * <p>
 * Design: {@link dev.healthaudit.report.RunReports} writes everything a run publishes, in
 * three parts whose memory does not grow with the number of accounts:
 * <ul>
 * <li>History first: the database writes each result's history against the previous
 * completed run ({@link dev.healthaudit.result.RunHistory}), in bulk, so that a sharded
 * or resumed run reports the same values as a single one.</li>
 * <li>CSV files: one streaming pass over the stored results (a million rows never sit in
 * memory), through Commons CSV with RFC 4180 settings and
 * {@link dev.healthaudit.report.CsvCells} guarding each cell against spreadsheet formula
 * injection and runaway length.</li>
 * <li>{@code summary.json}: built from aggregates the database computes
 * ({@link dev.healthaudit.result.RunAggregates}: GROUP BY and conditional sums; the
 * run-over-run comparison is two passes with primary-key lookups into the other run). API
 * calls, retries and rate-limit waits come from per-run tables that every process working
 * on the run adds to in its chunk transactions, so a resumed run reports the calls of all
 * its processes. Written as a Jackson tree so that the key order is fixed.</li>
 * <li>{@code report.html}: the same aggregates plus one bounded top-N query of the most
 * severe accounts, rendered by a Thymeleaf engine of our own (no web server, no
 * application context needed, so golden tests and the benchmark render exactly what the
 * job renders). Chart geometry is computed in Java and placed by the template; every
 * value goes through {@code th:text} or an attribute processor, which escape it. One
 * self-contained file: inline CSS and SVG, no script, font or image, A4 print rules. The
 * trend reads the totals each run keeps when its reports are written
 * ({@code audit_run_totals}), never old results.</li>
 * <li>{@code access-review.csv} and its counts: excess scopes are computed in Java per
 * distinct (connection, granted scopes) list, with the probe package's scope-implication
 * rules ({@link dev.healthaudit.report.AccessReview}); the counts come from the database
 * grouped by those lists, so they stay few.</li>
 * </ul>
 * A run's files are first written to a hidden staging directory and then moved into
 * place, so {@code <reports-dir>/<run-id>/} is either absent or complete, and the
 * {@code latest} link is switched atomically afterwards. Authorization links are bearer
 * secrets: they go only into {@code reauth-campaign.csv}, which is created
 * owner-read/write before any byte is written; the summary and the HTML hold no link or
 * token.
 */
@NullMarked
package dev.healthaudit.report;

import org.jspecify.annotations.NullMarked;
