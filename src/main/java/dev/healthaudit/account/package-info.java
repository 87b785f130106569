/**
 * Where the accounts to audit come from.
 *
 * <p>
 * Design: a source yields {@link dev.healthaudit.account.InputRecord}s one at a time
 * (never the whole list in memory): either an {@link dev.healthaudit.account.AccountRef}
 * to audit or a {@link dev.healthaudit.account.RejectedInput} that says which line was
 * not audited and why. Rejections are values that travel through the job like results, so
 * that "accounts.csv plus rejects.csv account for every input record" holds across
 * crashes and restarts. A source's position is a plain record count, so the job can save
 * it in its checkpoint and skip back to it after a restart. A record's line says where it
 * is in its input (a CSV line, a listing position, a row number), never which account it
 * is: the results store tells accounts apart by connection name and identifier.
 *
 * <p>
 * Hostile input: only a bad header is fatal (exit 2, nothing audited). A bad row is a
 * rejection like any other, so the run goes on and the rule above still holds:
 * {@link dev.healthaudit.account.CsvRecordReader} (our own RFC 4180 splitter, because a
 * general-purpose parser neither bounds a field nor recovers after an error) rejects a
 * record with a {@code malformed: ...} reason and resumes at the next record; bytes that
 * are not UTF-8 are decoded leniently and a record with U+FFFD is rejected; an
 * unterminated quote rejects the rest of the file as one record. Memory is bounded per
 * record (field, raw text, field count), so file size does not matter. Control characters
 * in a key are rejected for every source ({@code InputRecords}): they would reach query
 * strings, logs and terminals. Input columns named like an output column, or holding
 * authorization links, are not carried through ({@code ColumnNames}). Messages about a
 * header quote a short escaped excerpt, never the header: the file may be anything. A CSV
 * input must be a regular file, checked before it is opened (a FIFO would block). The
 * JDBC source only reads ({@code JdbcSourceRules} in {@code policy}); an unreachable
 * database is a {@link dev.healthaudit.account.SourceUnavailableException} (exit 1), not
 * an input error (exit 2). {@link dev.healthaudit.account.InputCensus} counts a CSV's
 * records and rejects before anything is audited, which is where
 * {@code audit.max-reject-share} is checked: checking after the audit would spend the API
 * budget on a file that is then refused, and exit code 2 promises that nothing was
 * audited.
 */
@NullMarked
package dev.healthaudit.account;

import org.jspecify.annotations.NullMarked;
