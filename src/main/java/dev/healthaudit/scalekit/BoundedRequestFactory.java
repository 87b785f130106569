package dev.healthaudit.scalekit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.AbstractBufferingClientHttpRequest;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;

/**
 * The transport under the client's {@code RestClient}: the JDK {@link HttpClient}
 * (HTTP/1.1, redirects never followed), with every exchange bounded in time and size
 * whatever the server does. The answer's headers must arrive within the request's
 * timeout, and the whole exchange, body included, must end within the connect timeout
 * plus that timeout; past it the exchange is abandoned and its connection closed. The
 * body is read whole before the response is handed on, up to a limit
 * ({@link BoundedBody}). Failures are thrown as {@link ExchangeFailedException}.
 * <p>
 * Spring's own {@code JdkClientHttpRequestFactory} has a single timeout for headers and
 * body together and reads bodies without a limit, hence this factory. Each request says
 * its bounds in two attributes.
 */
final class BoundedRequestFactory implements ClientHttpRequestFactory {

	/**
	 * Request attribute: how long to wait for the answer's headers, a {@link Duration}.
	 */
	static final String TIMEOUT = BoundedRequestFactory.class.getName() + ".timeout";

	/**
	 * Request attribute: the most a successful (2xx) answer's body may hold, in bytes (a
	 * {@link Long}).
	 */
	static final String MAX_ANSWER_BYTES = BoundedRequestFactory.class.getName() + ".maxAnswerBytes";

	/** Headers that the JDK client sets itself and refuses from callers. */
	private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host",
			"upgrade");

	private final HttpClient http;

	private final Duration connectTimeout;

	private final long maxErrorBytes;

	/**
	 * @param connectTimeout the longest wait for a connection
	 * @param maxErrorBytes the most an error (non-2xx) answer's body may hold; a longer
	 * one is dropped
	 * @param threads what the exchanges run on
	 */
	BoundedRequestFactory(Duration connectTimeout, long maxErrorBytes, TransportThreads threads) {
		this.http = HttpClient.newBuilder()
			.executor(threads)
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.connectTimeout = connectTimeout;
		this.maxErrorBytes = maxErrorBytes;
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod method) {
		return new BoundedRequest(uri, method);
	}

	private ClientHttpResponse exchange(HttpRequest request, Duration timeout, long maxAnswerBytes)
			throws ExchangeFailedException {
		Duration deadline = this.connectTimeout.plus(timeout);
		AtomicReference<BoundedBody> reading = new AtomicReference<>();
		CompletableFuture<HttpResponse<BoundedBody.Body>> exchange = this.http.sendAsync(request,
				BoundedBody.handler(maxAnswerBytes, this.maxErrorBytes, reading));
		try {
			return new BoundedResponse(exchange.get(nanos(deadline), TimeUnit.NANOSECONDS));
		}
		catch (TimeoutException ex) {
			abandon(exchange, reading);
			throw new ExchangeFailedException(
					new ApiFailure.TimedOut("no complete answer within " + ExchangeFailedException.seconds(deadline)));
		}
		catch (ExecutionException ex) {
			throw ExchangeFailedException.from(ex.getCause(), request.uri().getHost(), this.connectTimeout, timeout);
		}
		catch (InterruptedException ex) {
			abandon(exchange, reading);
			Thread.currentThread().interrupt();
			throw new ExchangeFailedException(new ApiFailure.NetworkError("interrupted"));
		}
	}

	/**
	 * Gives up an exchange still in progress: the body's subscription is cancelled, which
	 * closes the connection.
	 */
	private static void abandon(CompletableFuture<?> exchange, AtomicReference<BoundedBody> reading) {
		exchange.cancel(true);
		BoundedBody body = reading.get();
		if (body != null) {
			body.abandon();
		}
	}

	private static long nanos(Duration duration) {
		try {
			return duration.toNanos();
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE;
		}
	}

	/**
	 * Reading the body of a successful answer longer than the request's limit; nothing of
	 * it was kept.
	 */
	static final class AnswerTooLargeException extends IOException {

		private final long limit;

		AnswerTooLargeException(long limit) {
			super("answer larger than " + ApiFailure.size(limit), null);
			this.limit = limit;
		}

		long limit() {
			return this.limit;
		}

	}

	private final class BoundedRequest extends AbstractBufferingClientHttpRequest {

		private final URI uri;

		private final HttpMethod method;

		BoundedRequest(URI uri, HttpMethod method) {
			this.uri = uri;
			this.method = method;
		}

		@Override
		public HttpMethod getMethod() {
			return this.method;
		}

		@Override
		public URI getURI() {
			return this.uri;
		}

		@Override
		protected ClientHttpResponse executeInternal(HttpHeaders headers, byte[] body) throws IOException {
			Duration timeout = (Duration) getAttributes().get(TIMEOUT);
			long maxAnswerBytes = (Long) getAttributes().get(MAX_ANSWER_BYTES);
			HttpRequest.Builder request = HttpRequest.newBuilder(this.uri).timeout(timeout);
			if (this.method == HttpMethod.GET) {
				request.GET();
			}
			else {
				request.method(this.method.name(), HttpRequest.BodyPublishers.ofByteArray(body));
			}
			headers.forEach((name, values) -> {
				if (!RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
					values.forEach((value) -> request.header(name, value));
				}
			});
			return exchange(request.build(), timeout, maxAnswerBytes);
		}

	}

	/**
	 * An answer read whole: its body is the bytes read, or
	 * {@link AnswerTooLargeException} when over the limit.
	 */
	private static final class BoundedResponse implements ClientHttpResponse {

		private final HttpResponse<BoundedBody.Body> response;

		private final HttpHeaders headers = new HttpHeaders();

		BoundedResponse(HttpResponse<BoundedBody.Body> response) {
			this.response = response;
			response.headers().map().forEach(this.headers::addAll);
		}

		@Override
		public HttpStatusCode getStatusCode() {
			return HttpStatusCode.valueOf(this.response.statusCode());
		}

		@Override
		public String getStatusText() {
			// HTTP/1.1 reason phrases are not kept by the JDK client (and say nothing the
			// status does not)
			return "";
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

		@Override
		public InputStream getBody() throws IOException {
			if (this.response.body() instanceof BoundedBody.Body.TooLarge tooLarge) {
				throw new AnswerTooLargeException(tooLarge.limit());
			}
			return new ByteArrayInputStream(((BoundedBody.Body.Bytes) this.response.body()).bytes());
		}

		@Override
		public void close() {
			// the body was read whole (or dropped) before this response was made: nothing
			// is left open
		}

	}

}
