package dev.healthaudit.scalekit;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse;
import org.springframework.web.util.UriBuilder;

/**
 * Sends the client's requests to the Scalekit environment through a {@link RestClient}
 * and reads each answer whole, within the bounds of its route: the tool timeout for
 * {@code execute_tool} and the read timeout for the others, and the size limits below
 * (the reasons are in the package documentation). Answers are read as bytes whatever
 * their {@code Content-Type}, and parsed by the caller.
 */
final class ScalekitHttp {

	/**
	 * The most a token, account ({@code /auth}) or authorization-link answer may hold.
	 */
	static final long MAX_ANSWER_BYTES = 64 * 1024;

	/**
	 * The most an error body may hold; a longer one is ignored and the answer judged by
	 * its status alone.
	 */
	static final long MAX_ERROR_BYTES = 64 * 1024;

	/**
	 * The most a page of the account list may hold: 99 accounts of about half a KB each.
	 */
	static final long MAX_LIST_BYTES = 1024 * 1024;

	/** The most a tool answer may hold; its provider data is skipped, never kept. */
	static final long MAX_TOOL_BYTES = 1024 * 1024;

	private static final String USER_AGENT = "account-health-audit";

	/**
	 * The request attribute holding what runs right before the request leaves (the rate
	 * budgets' wait).
	 */
	private static final String BEFORE_SEND = ScalekitHttp.class.getName() + ".beforeSend";

	private final RestClient rest;

	private final ScalekitTimeouts timeouts;

	private final TransportThreads threads = new TransportThreads();

	ScalekitHttp(URI environmentUrl, ScalekitTimeouts timeouts, JsonMapper json) {
		JacksonJsonHttpMessageConverter payloads = new JacksonJsonHttpMessageConverter(json);
		this.rest = RestClient.builder()
			.baseUrl(environmentUrl)
			.requestFactory(new BoundedRequestFactory(timeouts.connect(), MAX_ERROR_BYTES, this.threads))
			.defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
			.defaultHeader(HttpHeaders.USER_AGENT, USER_AGENT)
			.configureMessageConverters((converters) -> converters.registerDefaults().withJsonConverter(payloads))
			.requestInterceptor(ScalekitHttp::beforeSend)
			.build();
		this.timeouts = timeouts;
	}

	/**
	 * Starts the transport's threads for {@code parallel} exchanges at once now, so that
	 * none has to be started while requests are leaving (package documentation).
	 */
	void prepareForParallelCalls(int parallel) {
		this.threads.prestart(parallel);
	}

	TransportThreads threads() {
		return this.threads;
	}

	/**
	 * Sends {@code request}, with {@code accessToken} as its bearer token unless null.
	 * Whatever the server does, this returns an answer or the failure that prevented one.
	 * @param beforeSend runs once the request is ready to leave (its body serialized),
	 * right before it is handed to the HTTP client: a rate budget's token taken there is
	 * spent on the wire at once, not after the request's preparation, whose pace varies
	 * (class loading and cold code hold up a process's first requests together, which
	 * would then leave in a bunch)
	 */
	Answer send(ScalekitRequest request, String accessToken, Runnable beforeSend) {
		Route route = request.route();
		RestClient.RequestBodySpec spec = this.rest.method(HttpMethod.valueOf(route.method()))
			.uri((builder) -> uri(builder, request))
			.attribute(BEFORE_SEND, beforeSend)
			.attribute(BoundedRequestFactory.TIMEOUT, timeout(route))
			.attribute(BoundedRequestFactory.MAX_ANSWER_BYTES, maxAnswerBytes(route));
		if (accessToken != null) {
			spec.headers((headers) -> headers.setBearerAuth(accessToken));
		}
		if (request.body() != null) {
			spec.contentType(request.contentType()).body(request.body());
		}
		try {
			return spec.exchange(ScalekitHttp::read);
		}
		catch (ResourceAccessException ex) {
			if (ex.getCause() instanceof ExchangeFailedException failed) {
				return Answer.failed(failed.failure());
			}
			String kind = ex.getCause().getClass().getSimpleName();
			return Answer.failed(new ApiFailure.NetworkError("connection failed (" + kind + ")"));
		}
	}

	private static ClientHttpResponse beforeSend(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		((Runnable) request.getAttributes().get(BEFORE_SEND)).run();
		return execution.execute(request, body);
	}

	/** The most a route's successful answer may hold. */
	static long maxAnswerBytes(Route route) {
		return switch (route) {
			case LIST_ACCOUNTS -> MAX_LIST_BYTES;
			case EXECUTE_TOOL -> MAX_TOOL_BYTES;
			case TOKEN, GET_ACCOUNT, AUTHORIZATION_LINK -> MAX_ANSWER_BYTES;
		};
	}

	private Duration timeout(Route route) {
		return (route == Route.EXECUTE_TOOL) ? this.timeouts.tool() : this.timeouts.read();
	}

	/**
	 * The route's path and query. Query values go in as URI variables, which are encoded
	 * strictly: {@code +} becomes {@code %2B} (else an identifier {@code a+b@example.com}
	 * would arrive as {@code a b@example.com}), a space {@code %20}.
	 */
	private static URI uri(UriBuilder builder, ScalekitRequest request) {
		builder.path(request.route().path());
		List<String> values = new ArrayList<>();
		request.query().forEach((name, list) -> list.forEach((value) -> {
			builder.queryParam(name, "{value" + values.size() + "}");
			values.add(value);
		}));
		return builder.build(values.toArray());
	}

	private static Answer read(HttpRequest request, ConvertibleClientHttpResponse response) throws IOException {
		int status = response.getStatusCode().value();
		Optional<String> retryAfter = Optional.ofNullable(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
		try {
			return Answer.received(status, new BoundedBody.Body.Bytes(response.getBody().readAllBytes()), retryAfter);
		}
		catch (BoundedRequestFactory.AnswerTooLargeException ex) {
			return Answer.received(status, new BoundedBody.Body.TooLarge(ex.limit()), retryAfter);
		}
	}

}
