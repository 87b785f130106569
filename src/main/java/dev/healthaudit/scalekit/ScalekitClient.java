package dev.healthaudit.scalekit;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import tools.jackson.core.JacksonException;

import org.springframework.util.LinkedMultiValueMap;

import dev.healthaudit.scalekit.AccessTokenCache.IssuedToken;

/**
 * The Scalekit calls the audit needs: read an account with its scopes, list accounts,
 * create an authorization link and execute a tool. Thread-safe; one instance serves all
 * worker threads. Knows nothing but the base URL it is given. Every exchange is bounded
 * in time and size, whatever the server does (see the package documentation).
 */
public final class ScalekitClient {

	/** The API rejects page sizes of 100 and more. */
	public static final int MAX_PAGE_SIZE = 99;

	/**
	 * Values of our own shorter than this are not searched for in what the server sends
	 * back.
	 */
	private static final int MIN_SECRET_LENGTH = 8;

	private final ScalekitCredentials credentials;

	private final CallListener listener;

	private final Clock clock;

	private final ScalekitJson json;

	private final ScalekitHttp http;

	private final AccessTokenCache tokens;

	public ScalekitClient(ScalekitCredentials credentials, ScalekitTimeouts timeouts, CallListener listener,
			Clock clock) {
		this.credentials = credentials;
		this.listener = listener;
		this.clock = clock;
		this.json = new ScalekitJson();
		this.http = new ScalekitHttp(credentials.environmentUrl(), timeouts, this.json.mapper());
		this.tokens = new AccessTokenCache(this::requestToken, clock);
	}

	private ScalekitClient(ScalekitClient original, CallListener listener) {
		this.credentials = original.credentials;
		this.listener = listener;
		this.clock = original.clock;
		this.json = original.json;
		this.http = original.http;
		this.tokens = original.tokens;
	}

	/**
	 * The same client (connections, access token) whose calls are reported to another
	 * listener: for calls that the budgets should weigh differently, such as the second
	 * attempts at accounts their provider refused once.
	 */
	public ScalekitClient withListener(CallListener other) {
		return new ScalekitClient(this, other);
	}

	/**
	 * Starts the threads that {@code parallel} exchanges at once run on, ahead of a run's
	 * first request: started while requests leave, they held requests back and let them
	 * go in a burst (package documentation). More are still started when needed.
	 */
	public void prepareForParallelCalls(int parallel) {
		this.http.prepareForParallelCalls(parallel);
	}

	TransportThreads transportThreads() {
		return this.http.threads();
	}

	/**
	 * Obtains an access token now, so that wrong credentials or an unreachable
	 * environment stop the run before any account is audited.
	 * @return empty when the environment answered with a token, else the failure that
	 * prevented it
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

	/**
	 * Reads one account with its granted scopes
	 * ({@code GET /api/v1/connected_accounts/auth}).
	 */
	public CallResult<ConnectedAccount> getAccount(String connector, String identifier) {
		ScalekitRequest request = ScalekitRequest.get(Route.GET_ACCOUNT, connector)
			.query("connector", connector)
			.query("identifier", identifier);
		return call(request, AccountAnswer.class, AccountAnswer::account);
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
		ScalekitRequest request = ScalekitRequest.get(Route.LIST_ACCOUNTS, "")
			.query("connection_names", connectionNames)
			.query("page_size", Integer.toString(pageSize))
			.query("page_token", pageToken.isEmpty() ? List.of() : List.of(pageToken));
		return call(request, AccountListAnswer.class, AccountListAnswer::page);
	}

	/**
	 * Creates a re-authorization link for the account's user
	 * ({@code POST .../magic_link}).
	 */
	public CallResult<AuthorizationLink> createAuthorizationLink(String connector, String identifier) {
		ScalekitRequest request = ScalekitRequest.postJson(Route.AUTHORIZATION_LINK, connector,
				new LinkRequest(connector, identifier));
		return call(request, LinkAnswer.class, LinkAnswer::authorizationLink);
	}

	/**
	 * Runs a tool for the account ({@code POST /api/v1/execute_tool}); the input goes in
	 * {@code params}.
	 */
	public CallResult<ToolExecution> executeTool(String toolName, Map<String, Object> params, String connector,
			String identifier) {
		ScalekitRequest request = ScalekitRequest.postJson(Route.EXECUTE_TOOL, connector,
				new ToolRequest(toolName, connector, identifier, params));
		return call(request, ToolAnswer.class, ToolAnswer::execution);
	}

	/**
	 * Sends an authorized request and reads its answer as {@code answerType}, turned into
	 * the result by {@code result}. A 401 that is not a provider's {@code TOOL_ERROR}
	 * means our token was rejected (revoked or expired early): it is renewed and the
	 * request sent again, once.
	 */
	private <A, T> CallResult<T> call(ScalekitRequest request, Class<A> answerType, Function<A, T> result) {
		for (int attempt = 1;; attempt++) {
			String token;
			try {
				token = this.tokens.token();
			}
			catch (TokenUnavailableException ex) {
				return CallResult.failure(ex.failure);
			}
			Answer answer = send(request, token);
			if (answer.failure() != null) {
				return CallResult.failure(answer.failure());
			}
			if (answer.isSuccess()) {
				return read(answer, answerType, result);
			}
			ApiError error = ErrorAnswer.parse(this.json, answer.bytes(), redaction(token));
			if (answer.status() == 401 && !error.isToolError() && attempt == 1) {
				this.tokens.invalidate(token);
				continue;
			}
			return CallResult.failure(answer.toFailure(error, this.clock.instant()));
		}
	}

	/**
	 * A successful answer as a result, or as the failure that says why it could not be
	 * read.
	 */
	private <A, T> CallResult<T> read(Answer answer, Class<A> answerType, Function<A, T> result) {
		if (answer.body() instanceof BoundedBody.Body.TooLarge tooLarge) {
			return CallResult.failure(new ApiFailure.TooLarge(answer.status(), tooLarge.limit()));
		}
		try {
			return CallResult.success(result.apply(this.json.read(answer.bytes(), answerType)));
		}
		catch (ScalekitJson.NotAnObjectException ex) {
			return CallResult.failure(new ApiFailure.MalformedResponse(answer.status(), "not a JSON object"));
		}
		catch (JacksonException ex) {
			return CallResult.failure(new ApiFailure.MalformedResponse(answer.status(), "invalid JSON"));
		}
		catch (MalformedFieldException ex) {
			return CallResult.failure(new ApiFailure.MalformedResponse(answer.status(), ex.getMessage()));
		}
	}

	/**
	 * Sends one request, reporting it to the listener right before it leaves (once it is
	 * ready to) and once it has ended.
	 */
	private Answer send(ScalekitRequest request, String token) {
		Answer answer = null;
		try {
			answer = this.http.send(request, token,
					() -> this.listener.beforeCall(request.route(), request.connector()));
			return answer;
		}
		finally {
			this.listener.afterCall(request.route(), request.connector(),
					(answer != null) ? ending(answer, request.key()) : CallListener.Ending.noAnswer());
		}
	}

	/**
	 * What a rate budget needs to know; the body is parsed only for a 429, the one status
	 * budgets react to.
	 */
	private CallListener.Ending ending(Answer answer, int key) {
		if (answer.status() != 429) {
			return new CallListener.Ending(answer.status(), Optional.empty(), false, key);
		}
		return new CallListener.Ending(answer.status(), answer.retryAfter(this.clock.instant()),
				ErrorAnswer.parse(this.json, answer.bytes(), UnaryOperator.identity()).isToolError(), key);
	}

	/**
	 * Blanks our own secrets (the client secret, the access token sent) in text the
	 * server sends back, so that a server echoing them cannot get them into evidence,
	 * logs or exception messages. Values shorter than {@value #MIN_SECRET_LENGTH}
	 * characters are not searched for: no real secret is that short, and blanking every
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

	/**
	 * Fetches a client-credentials token ({@code POST /oauth/token}).
	 * @throws ScalekitAuthenticationException when the token endpoint refused the
	 * credentials
	 * @throws TokenUnavailableException when it gave no usable token for another reason
	 */
	private IssuedToken requestToken() {
		CredentialsForm form = new CredentialsForm(this.credentials.clientId(), this.credentials.clientSecret());
		Answer answer = send(ScalekitRequest.postForm(Route.TOKEN, form), null);
		if (answer.failure() != null) {
			throw new TokenUnavailableException(answer.failure());
		}
		if (answer.isSuccess()) {
			CallResult<IssuedToken> token = read(answer, TokenAnswer.class,
					(issued) -> issued.issued(this.clock.instant()));
			if (token instanceof CallResult.Failure<IssuedToken> failed) {
				throw new TokenUnavailableException(failed.failure());
			}
			return ((CallResult.Success<IssuedToken>) token).value();
		}
		ApiError error = ErrorAnswer.parse(this.json, answer.bytes(), redaction(""));
		if (isRefusal(answer.status())) {
			throw new ScalekitAuthenticationException("Scalekit refused the client credentials: POST "
					+ this.credentials.environmentUrl() + Route.TOKEN.path() + " answered HTTP " + answer.status()
					+ (error.errorCode().isEmpty() ? "" : " " + error.errorCode()) + ". Check "
					+ ScalekitCredentials.CLIENT_ID + " and " + ScalekitCredentials.CLIENT_SECRET + ".");
		}
		throw new TokenUnavailableException(answer.toFailure(error, this.clock.instant()));
	}

	/**
	 * 4xx from the token endpoint: the credentials (or the environment URL) are wrong,
	 * except for a rate limit or a timeout, which say nothing about them.
	 */
	private static boolean isRefusal(int status) {
		return status / 100 == 4 && status != 408 && status != 429;
	}

	/**
	 * The client-credentials form of a token request. Its {@link #toString()} hides the
	 * secret: RestClient's debug log prints the bodies it writes.
	 */
	private static final class CredentialsForm extends LinkedMultiValueMap<String, String> {

		CredentialsForm(String clientId, String clientSecret) {
			add("grant_type", "client_credentials");
			add("client_id", clientId);
			add("client_secret", clientSecret);
		}

		@Override
		public String toString() {
			return "{grant_type=client_credentials, client_id=" + getFirst("client_id") + ", client_secret=****}";
		}

	}

	/**
	 * No token to send: the failure of the attempt to fetch one, shared with the threads
	 * that waited for it.
	 */
	private static final class TokenUnavailableException extends RuntimeException {

		private final transient ApiFailure failure;

		TokenUnavailableException(ApiFailure failure) {
			super(failure.describe(), null, false, false);
			this.failure = failure;
		}

	}

}
