package dev.healthaudit.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP server on 127.0.0.1 that records every request and answers with a fixed status,
 * optionally after a delay: a stand-in for a Pushgateway or a chat webhook.
 */
public final class FakeHttpReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private volatile int status = 200;

	private volatile Duration delay = Duration.ZERO;

	private FakeHttpReceiver(HttpServer server) {
		this.server = server;
	}

	public static FakeHttpReceiver start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			FakeHttpReceiver receiver = new FakeHttpReceiver(server);
			server.createContext("/", receiver::handle);
			server.setExecutor(Executors.newCachedThreadPool((task) -> {
				Thread thread = new Thread(task, "fake-http");
				thread.setDaemon(true);
				return thread;
			}));
			server.start();
			return receiver;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public FakeHttpReceiver answering(int status) {
		this.status = status;
		return this;
	}

	public FakeHttpReceiver after(Duration delay) {
		this.delay = delay;
		return this;
	}

	/** The base URL, with {@code path} appended (e.g. a webhook's secret path). */
	public URI url(String path) {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + path);
	}

	public List<Request> requests() {
		return List.copyOf(this.requests);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (InputStream body = exchange.getRequestBody()) {
			this.requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					exchange.getRequestHeaders().getFirst("Content-Type"),
					new String(body.readAllBytes(), StandardCharsets.UTF_8)));
		}
		try {
			Thread.sleep(this.delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		exchange.sendResponseHeaders(this.status, -1);
		exchange.close();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/** One request as received. */
	public record Request(String method, String path, String contentType, String body) {
	}

}
