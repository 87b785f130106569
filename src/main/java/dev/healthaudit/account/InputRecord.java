package dev.healthaudit.account;

/**
 * One record of the account source: an account to audit, or an input row that will not be
 * audited.
 */
public sealed interface InputRecord permits AccountRef, RejectedInput {

	/**
	 * Where the record is in its input, never its identity: for a CSV file the line on
	 * which the record starts (the header is line 1); for the Scalekit list and a JDBC
	 * query the record's ordinal (1 for the first account listed or the first row
	 * returned), the same on a resumed run that reads the same input in the same order.
	 */
	long line();

}
