package dev.healthaudit.account;

/**
 * The account source cannot be read at all (missing file, missing column, malformed CSV).
 * Names file and line.
 */
public class InvalidInputException extends RuntimeException {

	public InvalidInputException(String message) {
		super(message);
	}

	public InvalidInputException(String message, Throwable cause) {
		super(message, cause);
	}

}
