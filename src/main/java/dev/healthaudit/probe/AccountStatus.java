package dev.healthaudit.probe;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The connected-account statuses the guide knows; anything else is {@link #UNKNOWN},
 * never a crash.
 */
public enum AccountStatus {

	ACTIVE, EXPIRED, PENDING_AUTH, PENDING_VERIFICATION, DISCONNECTED, UNKNOWN;

	public static AccountStatus fromWire(@Nullable String value) {
		if (value == null) {
			return UNKNOWN;
		}
		try {
			AccountStatus status = valueOf(value.trim().toUpperCase(Locale.ROOT));
			return status;
		}
		catch (IllegalArgumentException ex) {
			return UNKNOWN;
		}
	}

	/** Statuses with a grant whose scopes mean something. */
	boolean holdsGrant() {
		return this == ACTIVE || this == EXPIRED;
	}

}
