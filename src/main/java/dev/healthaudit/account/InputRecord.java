package dev.healthaudit.account;

/** One record of the account source: an account to audit, or an input row that will not be audited. */
public sealed interface InputRecord permits AccountRef, RejectedInput {

	/** Line of the input on which the record starts (the header is line 1); 0 for sources without lines. */
	long line();

}
