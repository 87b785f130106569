/**
 * The outputs of a run (product §5), written from the results store.
 *
 * <p>
 * Design: every CSV file is written in one streaming pass over the stored results (a million rows never sit in
 * memory), through Commons CSV with RFC 4180 settings and {@link dev.healthaudit.report.CsvCells} guarding each cell
 * against spreadsheet formula injection and runaway length. A run's files are first written to a hidden staging
 * directory and then moved into place, so {@code <reports-dir>/<run-id>/} is either absent or complete, and the
 * {@code latest} link is switched atomically afterwards. Authorization links are bearer secrets: they go only into
 * {@code reauth-campaign.csv}, which is created owner-read/write before any byte is written.
 */
package dev.healthaudit.report;
