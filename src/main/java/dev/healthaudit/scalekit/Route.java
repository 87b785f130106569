package dev.healthaudit.scalekit;

/** The API routes this product calls; nothing else is ever requested. */
public enum Route {

	TOKEN("POST", "/oauth/token"), GET_ACCOUNT("GET", "/api/v1/connected_accounts/auth"),
	LIST_ACCOUNTS("GET", "/api/v1/connected_accounts"),
	AUTHORIZATION_LINK("POST", "/api/v1/connected_accounts/magic_link"), EXECUTE_TOOL("POST", "/api/v1/execute_tool");

	private final String method;

	private final String path;

	Route(String method, String path) {
		this.method = method;
		this.path = path;
	}

	public String method() {
		return this.method;
	}

	public String path() {
		return this.path;
	}

	/**
	 * A stable label such as {@code GET /api/v1/connected_accounts/auth}, used in metrics
	 * and summaries.
	 */
	public String label() {
		return this.method + " " + this.path;
	}

}
