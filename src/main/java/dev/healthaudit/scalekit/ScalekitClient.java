package dev.healthaudit.scalekit;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
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
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import javax.net.ssl.SSLException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import dev.healthaudit.scalekit.AccessTokenCache.IssuedToken;

/**
 * The Scalekit calls the audit needs: read an account with its scopes, list accounts, create an authorization link and
 * execute a tool. Thread-safe; one instance serves all worker threads. Knows nothing but the base URL it is given.
 * Every exchange is bounded in time and size, whatever the server does (see the package documentation).
 */
public final class ScalekitClient {

	/** The API rejects page sizes of 100 and more. */
	public static final int MAX_PAGE_SIZE = 99;

	/**
	 * The most a token, account ({@code /auth}) or authorization-link answer may hold. They are a few KB (the largest,
	 * {@code /auth}, carries the provider's tokens and scopes); every worker thread may hold one, parsed into a tree
	 * several times its size, so the limit stays small.
	 */
	static final long MAX_ANSWER_BYTES = 64 * 1024;

	/** The most an error body may hold; a longer one is ignored and the answer judged by its status alone. */
	static final long MAX_ERROR_BYTES = 64 * 1024;

	/** The most a page of the account list may hold: 99 accounts of about half a KB each, read by one thread. */
	static final long MAX_LIST_BYTES = 1024 * 1024;

	/**
	 * The most a tool answer may hold. A probe is a cheap read-only call whose data is not kept: the answer is only
	 * checked to be JSON, without building it in memory, for its {@code execution_id}.
	 */
	static final long MAX_TOOL_BYTES = 1024 * 1024;

	/** Longer access tokens are refused as unusable (Scalekit's are about a kilobyte). */
	private static final int MAX_TOKEN_LENGTH = 16 * 1024;

	/** Values of our own shorter than this are not searched for in what the server sends back. */
	private static final int MIN_SECRET_LENGTH = 8;

	/** The longest authorization link accepted (browsers and mail clients cut longer ones). */
	private static final int MAX_LINK_LENGTH = 4096;

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
				tree((body) -> this.wire.account(WireFormat.field(body, "connected_account"))));
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
		return call(Route.LIST_ACCOUNTS, "", query(parameters), null, this.timeouts.read(), tree(this::page));
	}

	/** Creates a re-authorization link for the account's user ({@code POST .../magic_link}). */
	public CallResult<AuthorizationLink> createAuthorizationLink(String connector, String identifier) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("connector", connector);
		body.put("identifier", identifier);
		return call(Route.AUTHORIZATION_LINK, connector, "", this.wire.write(body), this.timeouts.read(),
				tree(this::authorizationLink));
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
				(answer) -> new ToolExecution(this.wire.executionId(answer)));
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
			throw MalformedFieldException.missing("link");
		}
		if (!isWebLink(link)) {
			// it goes to a campaign file that users click: nothing but a plain http(s) URL
			throw MalformedFieldException.unusable("link");
		}
		return new AuthorizationLink(link, WireFormat.instant(body, "expiry")
			.orElseThrow(() -> MalformedFieldException.missing("expiry")));
	}

	private static boolean isWebLink(String link) {
		if (link.length() > MAX_LINK_LENGTH || !isVisibleAscii(link)) {
			return false;
		}
		try {
			URI uri = new URI(link);
			return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
					&& uri.getHost() != null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private <T> CallResult<T> call(Route route, String connector, String query, String body, Duration timeout,
			Function<byte[], T> parser) {
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
			Answer answer = send(route, connector, request.build(), Objects.hash(route, query, body));
			if (answer.failure != null) {
				return CallResult.failure(answer.failure);
			}
			if (answer.isSuccess()) {
				return parseSuccess(answer, parser);
			}
			ApiError error = this.wire.error(answer.bytes(), redaction(token));
			if (answer.status == 401 && !error.isToolError() && attempt == 1) {
				// our token was rejected (revoked or expired early): renew once and try again
				this.tokens.invalidate(token);
				continue;
			}
			return CallResult.failure(failure(answer, error));
		}
	}

	/** A parser that works on the answer's JSON tree; the answer must be one JSON object. */
	private <T> Function<byte[], T> tree(Function<JsonNode, T> parser) {
		return (bytes) -> {
			JsonNode json = this.wire.parse(bytes);
			if (!json.isObject()) {
				throw new WireFormat.NotAnObjectException();
			}
			return parser.apply(json);
		};
	}

	private <T> CallResult<T> parseSuccess(Answer answer, Function<byte[], T> parser) {
		if (answer.body instanceof BoundedBody.Body.TooLarge tooLarge) {
			return CallResult.failure(new ApiFailure.TooLarge(answer.status, tooLarge.limit()));
		}
		try {
			return CallResult.success(parser.apply(answer.bytes()));
		}
		catch (WireFormat.NotAnObjectException ex) {
			return CallResult.failure(new ApiFailure.MalformedResponse(answer.status, "not a JSON object"));
		}
		catch (JacksonException ex) {
			return CallResult.failure(new ApiFailure.MalformedResponse(answer.status, "invalid JSON"));
		}
		catch (MalformedFieldException ex) {
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
			return new ApiFailure.CredentialsRefused(error);
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

	/**
	 * Blanks our own secrets (the client secret, the access token sent) in text the server sends back, so that a
	 * server echoing them cannot get them into evidence, logs or exception messages. Values shorter than
	 * {@value #MIN_SECRET_LENGTH} characters are not searched for: no real secret is that short, and blanking every
	 * "s" of a message would only garble it.
	 */
	private UnaryOperator<String> redaction(String token) {
		String secret = this.credentials.clientSecret();
		return (text) -> {
			String redacted = text;
			for (String value : new String[] { secret, token }) {
				if (value != null && value.length() >= MIN_SECRET_LENGTH && redacted.contains(value)) {
					redacted = redacted.replace(value, "****");
				}
			}
			return redacted;
		};
	}

	private Answer send(Route route, String connector, HttpRequest request, int key) {
		this.listener.beforeCall(route, connector);
		Answer answer = null;
		try {
			answer = exchange(route, request);
			return answer;
		}
		finally {
			this.listener.afterCall(route, connector,
					(answer != null) ? ending(answer, key) : CallListener.Ending.noAnswer());
		}
	}

	/** What a rate budget needs to know; the body is parsed only for a 429, the one status budgets react to. */
	private CallListener.Ending ending(Answer answer, int key) {
		if (answer.status != 429) {
			return new CallListener.Ending(answer.status, Optional.empty(), false, key);
		}
		return new CallListener.Ending(answer.status, WireFormat.retryAfter(answer.retryAfter, this.clock.instant()),
				this.wire.error(answer.bytes(), UnaryOperator.identity()).isToolError(), key);
	}

	/**
	 * One HTTP exchange, bounded in time and size: the whole exchange, body included, must end within the connect
	 * timeout plus the request's timeout (the JDK's own request timeout only covers the wait for the headers), and the
	 * body is read only up to the route's limit. Whatever the server does, this returns an answer or a failure.
	 */
	private Answer exchange(Route route, HttpRequest request) {
		Duration timeout = request.timeout().orElse(this.timeouts.read());
		Duration deadline = this.timeouts.connect().plus(timeout);
		AtomicReference<BoundedBody> reading = new AtomicReference<>();
		CompletableFuture<HttpResponse<BoundedBody.Body>> exchange = this.http.sendAsync(request,
				BoundedBody.handler(maxAnswerBytes(route), MAX_ERROR_BYTES, reading));
		try {
			HttpResponse<BoundedBody.Body> response = exchange.get(nanos(deadline), TimeUnit.NANOSECONDS);
			return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Retry-After"),
					null);
		}
		catch (TimeoutException ex) {
			abandon(exchange, reading);
			return Answer.failed(new ApiFailure.TimedOut("no complete answer within " + seconds(deadline)));
		}
		catch (ExecutionException ex) {
			return Answer.failed(failure(ex.getCause(), request, timeout));
		}
		catch (InterruptedException ex) {
			abandon(exchange, reading);
			Thread.currentThread().interrupt();
			return Answer.failed(new ApiFailure.NetworkError("interrupted"));
		}
	}

	/** Gives up an exchange still in progress: the body's subscription is cancelled, which closes the connection. */
	private static void abandon(CompletableFuture<?> exchange, AtomicReference<BoundedBody> reading) {
		exchange.cancel(true);
		BoundedBody body = reading.get();
		if (body != null) {
			body.abandon();
		}
	}

	/**
	 * Why an exchange ended without an answer. The exception's own message is never used: some (a malformed status
	 * line, a bad header) quote what the server sent, and a server can send anything, our token included.
	 */
	private ApiFailure failure(Throwable thrown, HttpRequest request, Duration timeout) {
		Throwable cause = thrown;
		while (cause instanceof CompletionException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		if (cause instanceof HttpConnectTimeoutException) {
			return new ApiFailure.TimedOut("no connection within " + seconds(this.timeouts.connect()));
		}
		if (cause instanceof HttpTimeoutException) {
			return new ApiFailure.TimedOut("no answer within " + seconds(timeout));
		}
		if (cause instanceof ConnectException) {
			return new ApiFailure.NetworkError("cannot connect to " + request.uri().getHost());
		}
		if (cause instanceof ProtocolException) {
			return new ApiFailure.NetworkError("not a valid HTTP answer");
		}
		if (cause instanceof SSLException) {
			return new ApiFailure.NetworkError("TLS failure (" + cause.getClass().getSimpleName() + ")");
		}
		if (isClosedConnection(cause)) {
			return new ApiFailure.NetworkError("connection closed before the answer was complete");
		}
		if (cause instanceof SocketException && String.valueOf(cause.getMessage()).contains("reset")) {
			return new ApiFailure.NetworkError("connection reset");
		}
		return new ApiFailure.NetworkError("connection failed (" + cause.getClass().getSimpleName() + ")");
	}

	/**
	 * A peer that closed the connection before the answer was complete: an {@link EOFException} somewhere in the
	 * chain, or the JDK client's words for it (matched, never repeated).
	 */
	private static boolean isClosedConnection(Throwable cause) {
		for (Throwable link = cause; link != null; link = link.getCause()) {
			if (link instanceof EOFException) {
				return true;
			}
		}
		String message = String.valueOf(cause.getMessage());
		return cause instanceof IOException && (message.contains("received no bytes") || message.contains("closed"));
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
		Answer answer = send(Route.TOKEN, "", request, 0);
		if (answer.failure != null) {
			throw new TokenUnavailableException(answer.failure);
		}
		if (isRefusal(answer.status)) {
			ApiError error = this.wire.error(answer.bytes(), redaction(""));
			throw new ScalekitAuthenticationException("Scalekit refused the client credentials: POST "
					+ this.credentials.environmentUrl() + Route.TOKEN.path() + " answered HTTP " + answer.status
					+ (error.errorCode().isEmpty() ? "" : " " + error.errorCode()) + ". Check "
					+ ScalekitCredentials.CLIENT_ID + " and " + ScalekitCredentials.CLIENT_SECRET + ".");
		}
		if (!answer.isSuccess()) {
			throw new TokenUnavailableException(failure(answer, this.wire.error(answer.bytes(), redaction(""))));
		}
		CallResult<IssuedToken> token = parseSuccess(answer, tree(this::issuedToken));
		if (token instanceof CallResult.Failure<IssuedToken> failed) {
			throw new TokenUnavailableException(failed.failure());
		}
		return ((CallResult.Success<IssuedToken>) token).value();
	}

	/**
	 * A token answer. Its lifetime is clamped to a day; a lifetime of zero, below zero or none at all makes a token
	 * used for the one request it was fetched for (renewed for the next), never an error.
	 */
	private IssuedToken issuedToken(JsonNode json) {
		String token = WireFormat.text(json, "access_token");
		if (token.isEmpty()) {
			throw MalformedFieldException.missing("access_token");
		}
		if (token.length() > MAX_TOKEN_LENGTH || !isVisibleAscii(token)) {
			throw MalformedFieldException.unusable("access_token");
		}
		return IssuedToken.issued(token, WireFormat.lifetime(WireFormat.field(json, "expires_in")),
				this.clock.instant());
	}

	/**
	 * 4xx from the token endpoint: the credentials (or the environment URL) are wrong, except for a rate limit or a
	 * timeout, which say nothing about them.
	 */
	private static boolean isRefusal(int status) {
		return status / 100 == 4 && status != 408 && status != 429;
	}

	/** Visible ASCII only: anything else (a line break above all) must never reach a request header or a link. */
	private static boolean isVisibleAscii(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x21 || c > 0x7E) {
				return false;
			}
		}
		return true;
	}

	/** The most a route's successful answer may hold; see the package documentation for the reasons. */
	static long maxAnswerBytes(Route route) {
		return switch (route) {
			case LIST_ACCOUNTS -> MAX_LIST_BYTES;
			case EXECUTE_TOOL -> MAX_TOOL_BYTES;
			case TOKEN, GET_ACCOUNT, AUTHORIZATION_LINK -> MAX_ANSWER_BYTES;
		};
	}

	private static long nanos(Duration duration) {
		try {
			return duration.toNanos();
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE;
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

	private record Answer(int status, BoundedBody.Body body, Optional<String> retryAfter, ApiFailure failure) {

		static Answer failed(ApiFailure failure) {
			return new Answer(0, new BoundedBody.Body.Bytes(new byte[0]), Optional.empty(), failure);
		}

		boolean isSuccess() {
			return this.status / 100 == 2;
		}

		/** The body, or nothing when it was too large to read. */
		byte[] bytes() {
			return (this.body instanceof BoundedBody.Body.Bytes read) ? read.bytes() : new byte[0];
		}

	}

	private static final class TokenUnavailableException extends RuntimeException {

		private final transient ApiFailure failure;

		TokenUnavailableException(ApiFailure failure) {
			super(failure.describe(), null, false, false);
			this.failure = failure;
		}

	}

	/** A field of a successful answer that is missing or cannot be used; its value is never quoted (it may be a secret). */
	private static final class MalformedFieldException extends RuntimeException {

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

}
