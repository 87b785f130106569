package dev.healthaudit.scalekit;

/**
 * A field of a successful answer that is missing or cannot be used; its value is never
 * quoted (it may be a secret).
 */
final class MalformedFieldException extends RuntimeException {

	private MalformedFieldException(String detail) {
		super(detail, null, false, false);
	}

	static MalformedFieldException missing(String field) {
		return new MalformedFieldException("missing field '" + field + "'");
	}

	static MalformedFieldException unusable(String field) {
		return new MalformedFieldException("unusable field '" + field + "'");
	}

}
