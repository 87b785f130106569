package dev.healthaudit.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A bare HTTP client for the sandbox tests: real requests, no production client code. */
final class TestHttp {

	static final JsonMapper JSON = JsonMapper.shared();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final SandboxServer server;

	private String token;

	TestHttp(SandboxServer server) {
		this.server = server;
	}

	HttpResponse<String> tokenRequest(String form) {
		HttpRequest request = HttpRequest.newBuilder(this.server.baseUrl().resolve("/oauth/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		return send(request);
	}

	String token() {
		if (this.token == null) {
			SandboxSettings settings = this.server.settings();
			HttpResponse<String> response = tokenRequest("grant_type=client_credentials&client_id="
					+ encode(settings.clientId()) + "&client_secret=" + encode(settings.clientSecret()));
			this.token = json(response).get("access_token").stringValue();
		}
		return this.token;
	}

	void forgetToken() {
		this.token = null;
	}

	/**
	 * GET with the bearer token; {@code query} is already encoded, e.g.
	 * {@code "page_size=10"}.
	 */
	HttpResponse<String> get(String path, String query) {
		return send(authorized(path, query).GET().build());
	}

	HttpResponse<String> getWithoutToken(String path) {
		return send(HttpRequest.newBuilder(uri(path, "")).GET().build());
	}

	HttpResponse<String> post(String path, String json) {
		return send(authorized(path, "").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	HttpClient client() {
		return this.client;
	}

	HttpRequest.Builder authorized(String path, String query) {
		return HttpRequest.newBuilder(uri(path, query)).header("Authorization", "Bearer " + token());
	}

	URI uri(String path, String query) {
		return URI.create(this.server.baseUrl() + path + (query.isEmpty() ? "" : "?" + query));
	}

	/**
	 * {@code execute_tool} for an account addressed by connection name and identifier.
	 */
	HttpResponse<String> executeTool(SandboxAccount account, String toolName) {
		return post("/api/v1/execute_tool", "{\"tool_name\":\"" + toolName + "\",\"connector\":\"" + account.connector()
				+ "\",\"identifier\":\"" + account.identifier() + "\",\"params\":{}}");
	}

	HttpResponse<String> probe(SandboxAccount account) {
		return executeTool(account, account.connection().probeTool());
	}

	HttpResponse<String> auth(SandboxAccount account) {
		return get("/api/v1/connected_accounts/auth",
				query("connector", account.connector(), "identifier", account.identifier()));
	}

	static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	/**
	 * Percent-encodes name/value pairs the way a careful client must: {@code +} becomes
	 * {@code %2B}.
	 */
	static String query(String... namesAndValues) {
		return Stream.iterate(0, (i) -> i < namesAndValues.length, (i) -> i + 2)
			.map((i) -> encode(namesAndValues[i]) + "=" + encode(namesAndValues[i + 1]))
			.collect(Collectors.joining("&"));
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
