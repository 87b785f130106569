package dev.healthaudit.sandbox;

/**
 * Ends request handling early with an error reply (validation failures, unknown accounts,
 * ...).
 */
final class ApiException extends RuntimeException {

	private final transient ApiReply reply;

	ApiException(ApiReply reply) {
		super(reply.body().toString(), null, false, false);
		this.reply = reply;
	}

	ApiReply reply() {
		return this.reply;
	}

}
