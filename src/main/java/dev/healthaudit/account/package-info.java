/**
 * Where the accounts to audit come from.
 *
 * <p>
 * Design: a source yields {@link dev.healthaudit.account.InputRecord}s one at a time (never the whole list in memory):
 * either an {@link dev.healthaudit.account.AccountRef} to audit or a
 * {@link dev.healthaudit.account.RejectedInput} that says which line was not audited and why. Rejections are values
 * that travel through the job like results, so that "accounts.csv plus rejects.csv account for every input record"
 * holds across crashes and restarts. A source's position is a plain record count, so the job can save it in its
 * checkpoint and skip back to it after a restart.
 */
package dev.healthaudit.account;
