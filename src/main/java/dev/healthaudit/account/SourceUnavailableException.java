package dev.healthaudit.account;

/**
 * The account source cannot be reached now (its database refused the connection, timed
 * out, is starting up): the run failed, and a later start with the same arguments may
 * succeed. Unlike {@link InvalidInputException}, nothing in the policy or input needs to
 * change.
 */
public class SourceUnavailableException extends RuntimeException {

	public SourceUnavailableException(String message) {
		super(message);
	}

}
