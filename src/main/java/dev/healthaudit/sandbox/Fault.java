package dev.healthaudit.sandbox;

/**
 * A transient failure the sandbox can inject into an API call ({@link FaultPlan}).
 * Gateway faults answer before the request reaches the API, so nothing changes;
 * lost-answer faults let the API handle the request (a probe may refresh an account) and
 * then spoil the answer, the harder case for a client that retries.
 */
public enum Fault {

	/** 429 {@code RATE_LIMITED} with {@code Retry-After: 1}. Gateway. */
	RATE_LIMITED(Stage.GATEWAY),
	/** 429 {@code RATE_LIMITED} without {@code Retry-After}. Gateway. */
	RATE_LIMITED_NO_RETRY_AFTER(Stage.GATEWAY),
	/** 502 with a plain-text body, as a load balancer answers. Gateway. */
	BAD_GATEWAY(Stage.GATEWAY),
	/** 503 {@code UNAVAILABLE} in the API's JSON error shape. Gateway. */
	UNAVAILABLE(Stage.GATEWAY),
	/** The connection is closed without any answer. Gateway. */
	CONNECTION_RESET(Stage.GATEWAY),
	/**
	 * The answer comes after {@link FaultPlan#delay()}, longer than a client's read
	 * timeout. Lost answer.
	 */
	READ_TIMEOUT(Stage.ANSWER),
	/** The answer's JSON is cut in half (with a matching Content-Length). Lost answer. */
	TRUNCATED_JSON(Stage.ANSWER),
	/** 200 with an HTML page instead of JSON, as a captive proxy answers. Lost answer. */
	NOT_JSON(Stage.ANSWER),
	/**
	 * Every access token issued so far expires now: this call (and others in flight) get
	 * 401 UNAUTHENTICATED.
	 */
	TOKEN_EXPIRED(Stage.TOKEN),
	/**
	 * As {@link #TOKEN_EXPIRED}, and {@code /oauth/token} answers 503 to the next
	 * {@link FaultPlan#burst()} requests.
	 */
	TOKEN_ENDPOINT_DOWN(Stage.TOKEN);

	private final Stage stage;

	Fault(Stage stage) {
		this.stage = stage;
	}

	Stage stage() {
		return this.stage;
	}

	/** Where in the handling of a request the fault strikes. */
	enum Stage {

		/** Instead of handling the request. */
		GATEWAY,
		/** After handling it, on the way back. */
		ANSWER,
		/** On the environment's access tokens, before handling it. */
		TOKEN

	}

}
