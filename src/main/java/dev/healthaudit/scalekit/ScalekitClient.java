package dev.healthaudit.scalekit;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import dev.healthaudit.scalekit.AccessTokenCache.IssuedToken;

/**
 * The Scalekit calls the audit needs: read an account with its scopes, list accounts, create an authorization link and
 * execute a tool. Thread-safe; one instance serves all worker threads. Knows nothing but the base URL it is given.
 */
public final class ScalekitClient {

	/** The API rejects page sizes of 100 and more. */
	public static final int MAX_PAGE_SIZE = 99;

	private static final String USER_AGENT = "account-health-audit";

	private final ScalekitCredentials credentials;

	private final ScalekitTimeouts timeouts;

	private final CallListener listener;

	private final Clock clock;

	private final HttpClient http;

	private final WireFormat wire = new WireFormat();

	private final AccessTokenCache tokens;

	public ScalekitClient(ScalekitCredentials credentials, ScalekitTimeouts timeouts, CallListener listener,
			Clock clock) {
		this.credentials = credentials;
		this.timeouts = timeouts;
		this.listener = listener;
		this.clock = clock;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(timeouts.connect())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.tokens = new AccessTokenCache(this::requestToken, clock);
	}

	private ScalekitClient(ScalekitClient original, CallListener listener) {
		this.credentials = original.credentials;
		this.timeouts = original.timeouts;
		this.listener = listener;
		this.clock = original.clock;
		this.http = original.http;
		this.tokens = original.tokens;
	}

	/**
	 * The same client (connections, access token) whose calls are reported to another listener: for calls that the
	 * budgets should weigh differently, such as the second attempts at accounts their provider refused once.
	 */
	public ScalekitClient withListener(CallListener other) {
		return new ScalekitClient(this, other);
	}

	/**
	 * Obtains an access token now, so that wrong credentials or an unreachable environment stop the run before any
	 * account is audited.
	 * @return empty when the environment answered with a token, else the failure that prevented it
	 * @throws ScalekitAuthenticationException when the credentials were refused
	 */
	public Optional<ApiFailure> verifyCredentials() {
		try {
			this.tokens.token();
			return Optional.empty();
		}
		catch (TokenUnavailableException ex) {
			return Optional.of(ex.failure);
		}
	}

	/** Reads one account with its granted scopes ({@code GET /api/v1/connected_accounts/auth}). */
	public CallResult<ConnectedAccount> getAccount(String connector, String identifier) {
		String query = query(Map.of("connector", List.of(connector), "identifier", List.of(identifier)));
		return call(Route.GET_ACCOUNT, connector, query, null, this.timeouts.read(),
				(body) -> this.wire.account(WireFormat.field(body, "connected_account")));
	}

	/**
	 * Reads one page of accounts ({@code GET /api/v1/connected_accounts}).
	 * @param connectionNames the connections to list, or empty for all (at most 20)
	 * @param pageSize 1 to {@value #MAX_PAGE_SIZE}
	 * @param pageToken empty for the first page
	 */
	public CallResult<AccountPage> listAccounts(List<String> connectionNames, int pageSize, String pageToken) {
		if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
			throw new IllegalArgumentException("page size must be 1.." + MAX_PAGE_SIZE + ", got " + pageSize);
		}
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		if (!connectionNames.isEmpty()) {
			parameters.put("connection_names", connectionNames);
		}
		parameters.put("page_size", List.of(Integer.toString(pageSize)));
		if (!pageToken.isEmpty()) {
			parameters.put("page_token", List.of(pageToken));
		}
		return call(Route.LIST_ACCOUNTS, "", query(parameters), null, this.timeouts.read(), this::page);
	}

	/** Creates a re-authorization link for the account's user ({@code POST .../magic_link}). */
	public CallResult<AuthorizationLink> createAuthorizationLink(String connector, String identifier) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("connector", connector);
		body.put("identifier", identifier);
		return call(Route.AUTHORIZATION_LINK, connector, "", this.wire.write(body), this.timeouts.read(),
				this::authorizationLink);
	}

	/** Runs a tool for the account ({@code POST /api/v1/execute_tool}); the input goes in {@code params}. */
	public CallResult<ToolExecution> executeTool(String toolName, Map<String, Object> params, String connector,
			String identifier) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("tool_name", toolName);
		body.put("connector", connector);
		body.put("identifier", identifier);
		body.put("params", params);
		return call(Route.EXECUTE_TOOL, connector, "", this.wire.write(body), this.timeouts.tool(),
				(json) -> new ToolExecution(WireFormat.text(json, "execution_id")));
	}

	private AccountPage page(JsonNode body) {
		List<ConnectedAccount> accounts = new ArrayList<>();
		for (JsonNode item : WireFormat.field(body, "connected_accounts")) {
			accounts.add(this.wire.account(item));
		}
		return new AccountPage(accounts, WireFormat.field(body, "total_size").asLong(0),
				WireFormat.text(body, "next_page_token"));
	}

	private AuthorizationLink authorizationLink(JsonNode body) {
		String link = WireFormat.text(body, "link");
		if (link.isEmpty()) {
			throw new MissingFieldException("link");
		}
		return new AuthorizationLink(link, WireFormat.instant(body, "expiry")
			.orElseThrow(() -> new MissingFieldException("expiry")));
	}

	private <T> CallResult<T> call(Route route, String connector, String query, String body, Duration timeout,
			Function<JsonNode, T> parser) {
		for (int attempt = 1;; attempt++) {
			String token;
			try {
				token = this.tokens.token();
			}
			catch (TokenUnavailableException ex) {
				return CallResult.failure(ex.failure);
			}
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.credentials.environmentUrl()
					+ route.path() + (query.isEmpty() ? "" : "?" + query)))
				.timeout(timeout)
				.header("Authorization", "Bearer " + token)
				.header("Accept", "application/json")
				.header("User-Agent", USER_AGENT);
			if (body != null) {
				request.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
			}
			else {
				request.GET();
			}
			Answer answer = send(route, connector, request.build());
			if (answer.failure != null) {
				return CallResult.failure(answer.failure);
			}
			if (answer.status / 100 == 2) {
				return parseSuccess(answer, parser);
			}
			ApiError error = this.wire.error(answer.body);
			if (answer.status == 401 && !error.isToolError() && attempt == 1) {
				// our token was rejected (revoked or expired early): renew once and try again
				this.tokens.invalidate(token);
				continue;
			}
			return CallResult.failure(failure(answer, error));
		}
	}

	private <T> CallResult<T> parseSuccess(Answer answer, Function<JsonNode, T> parser) {
		try {
			JsonNode json = this.wire.parse(answer.body);
			if (!json.isObject()) {
				return CallResult.failure(new ApiFailure.MalformedResponse(answer.status, "not a JSON object"));
			}
			return CallResult.success(parser.apply(json));
		}
		catch (JacksonException ex) {
			return CallResult.failure(new ApiFailure.MalformedResponse(answer.status, "invalid JSON"));
		}
		catch (MissingFieldException ex) {
			return CallResult.failure(new ApiFailure.MalformedResponse(answer.status, ex.getMessage()));
		}
	}

	private ApiFailure failure(Answer answer, ApiError error) {
		Optional<Duration> retryAfter = WireFormat.retryAfter(answer.retryAfter, this.clock.instant());
		int status = answer.status;
		if (error.isToolError()) {
			return new ApiFailure.ProviderError(status, retryAfter, error);
		}
		if (status == 401) {
			return new ApiFailure.Unauthorized(error);
		}
		if (status == 403) {
			return new ApiFailure.Forbidden(error);
		}
		if (status == 404) {
			return new ApiFailure.NotFound(error);
		}
		if (status == 429) {
			return new ApiFailure.RateLimited(retryAfter, error);
		}
		if (status >= 500) {
			return new ApiFailure.ServerError(status, retryAfter, error);
		}
		return new ApiFailure.InvalidRequest(status, error);
	}

	private Answer send(Route route, String connector, HttpRequest request) {
		this.listener.beforeCall(route, connector);
		Answer answer = null;
		try {
			answer = exchange(request);
			return answer;
		}
		finally {
			this.listener.afterCall(route, connector, (answer != null) ? ending(answer) : CallListener.Ending.noAnswer());
		}
	}

	/** What a rate budget needs to know; the body is parsed only for a 429, the one status budgets react to. */
	private CallListener.Ending ending(Answer answer) {
		if (answer.status != 429) {
			return new CallListener.Ending(answer.status, Optional.empty(), false);
		}
		return new CallListener.Ending(answer.status, WireFormat.retryAfter(answer.retryAfter, this.clock.instant()),
				this.wire.error(answer.body).isToolError());
	}

	private Answer exchange(HttpRequest request) {
		try {
			HttpResponse<String> response = this.http.send(request,
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Retry-After"),
					null);
		}
		catch (HttpConnectTimeoutException ex) {
			return Answer.failed(new ApiFailure.TimedOut("no connection within " + seconds(this.timeouts.connect())));
		}
		catch (HttpTimeoutException ex) {
			return Answer.failed(new ApiFailure.TimedOut("no answer within " + seconds(request.timeout().orElseThrow())));
		}
		catch (ConnectException ex) {
			return Answer.failed(new ApiFailure.NetworkError("cannot connect to " + request.uri().getHost()));
		}
		catch (IOException ex) {
			return Answer.failed(new ApiFailure.NetworkError(ex.getClass().getSimpleName()
					+ (ex.getMessage() != null ? ": " + ex.getMessage() : "")));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Answer.failed(new ApiFailure.NetworkError("interrupted"));
		}
	}

	private IssuedToken requestToken() {
		String form = "grant_type=client_credentials&client_id=" + encode(this.credentials.clientId())
				+ "&client_secret=" + encode(this.credentials.clientSecret());
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.credentials.environmentUrl() + Route.TOKEN.path()))
			.timeout(this.timeouts.read())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.header("User-Agent", USER_AGENT)
			.POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
			.build();
		Answer answer = send(Route.TOKEN, "", request);
		if (answer.failure != null) {
			throw new TokenUnavailableException(answer.failure);
		}
		if (answer.status / 100 == 4) {
			ApiError error = this.wire.error(answer.body);
			throw new ScalekitAuthenticationException("Scalekit refused the client credentials: POST "
					+ this.credentials.environmentUrl() + Route.TOKEN.path() + " answered HTTP " + answer.status
					+ (error.errorCode().isEmpty() ? "" : " " + error.errorCode()) + ". Check "
					+ ScalekitCredentials.CLIENT_ID + " and " + ScalekitCredentials.CLIENT_SECRET + ".");
		}
		if (answer.status / 100 != 2) {
			throw new TokenUnavailableException(failure(answer, this.wire.error(answer.body)));
		}
		try {
			JsonNode json = this.wire.parse(answer.body);
			String token = WireFormat.text(json, "access_token");
			long expiresIn = WireFormat.field(json, "expires_in").asLong(0);
			if (token.isEmpty() || expiresIn <= 0) {
				throw new TokenUnavailableException(
						new ApiFailure.MalformedResponse(answer.status, "token response without access_token"));
			}
			return IssuedToken.issued(token, Duration.ofSeconds(expiresIn), this.clock.instant());
		}
		catch (JacksonException ex) {
			throw new TokenUnavailableException(new ApiFailure.MalformedResponse(answer.status, "invalid JSON"));
		}
	}

	private static String seconds(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
	}

	private static String query(Map<String, List<String>> parameters) {
		StringJoiner query = new StringJoiner("&");
		parameters.forEach((name, values) -> values.forEach((value) -> query.add(name + "=" + encode(value))));
		return query.toString();
	}

	/** Percent-encodes for a query string or form: {@code +} becomes {@code %2B}, a space {@code %20}. */
	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private record Answer(int status, String body, Optional<String> retryAfter, ApiFailure failure) {

		static Answer failed(ApiFailure failure) {
			return new Answer(0, "", Optional.empty(), failure);
		}

	}

	private static final class TokenUnavailableException extends RuntimeException {

		private final transient ApiFailure failure;

		TokenUnavailableException(ApiFailure failure) {
			super(failure.describe(), null, false, false);
			this.failure = failure;
		}

	}

	private static final class MissingFieldException extends RuntimeException {

		MissingFieldException(String field) {
			super("missing field '" + field + "'", null, false, false);
		}

	}

}
