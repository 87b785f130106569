package dev.healthaudit.sandbox;

/**
 * The wire values of Scalekit's {@code ConnectorStatus} enum (wire reference §4), emitted
 * by name.
 */
public enum ConnectorStatus {

	CONNECTION_STATUS_UNSPECIFIED, ACTIVE, EXPIRED, PENDING_AUTH, PENDING_VERIFICATION, DISCONNECTED;

	/**
	 * Whether an account in this status holds provider tokens that the API would return
	 * from {@code /auth}.
	 */
	boolean holdsTokens() {
		return this != PENDING_AUTH && this != DISCONNECTED;
	}

}
