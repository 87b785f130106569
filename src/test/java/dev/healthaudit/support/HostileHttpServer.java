package dev.healthaudit.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A raw HTTP/1.1 server on 127.0.0.1 (ephemeral port) whose answers a test writes byte by
 * byte, so that it can misbehave as no well-behaved server library would let it: headers
 * and then a body dripped slowly, a {@code Content-Length} that lies, 50 MB answers, a
 * garbage status line, endless headers, no answer at all. One request per connection; the
 * connection is closed when the handler returns. It records the requests, and notices
 * when the client hangs up in the middle of an answer ({@link #hangUps()}).
 */
public final class HostileHttpServer implements AutoCloseable {

	private final ServerSocket socket;

	private final Map<String, Handler> routes = new ConcurrentHashMap<>();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final AtomicInteger hangUps = new AtomicInteger();

	private final AtomicLong bytesSent = new AtomicLong();

	private volatile boolean closed;

	private HostileHttpServer(ServerSocket socket) {
		this.socket = socket;
	}

	public static HostileHttpServer start() {
		try {
			HostileHttpServer server = new HostileHttpServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
			Thread acceptor = new Thread(server::accept, "hostile-http-accept");
			acceptor.setDaemon(true);
			acceptor.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Answers requests for {@code path} (query ignored) with {@code handler}; other paths
	 * get a 404.
	 */
	public HostileHttpServer route(String path, Handler handler) {
		this.routes.put(path, handler);
		return this;
	}

	/**
	 * A well-behaved {@code /oauth/token} issuing {@code accessToken} with
	 * {@code expiresIn} (raw JSON, or null).
	 */
	public HostileHttpServer token(String accessToken, String expiresIn) {
		String lifetime = (expiresIn != null) ? ",\"expires_in\":" + expiresIn : "";
		return route("/oauth/token", (request, reply) -> reply.json(200,
				"{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\"" + lifetime + "}"));
	}

	public URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.socket.getLocalPort());
	}

	public List<Request> requests() {
		return List.copyOf(this.requests);
	}

	public long requestCount(String path) {
		return this.requests.stream().filter((request) -> request.path().equals(path)).count();
	}

	/**
	 * Answers the client stopped reading before they were complete (a write failed on a
	 * closed connection).
	 */
	public int hangUps() {
		return this.hangUps.get();
	}

	/** Body and header bytes written so far, over all connections. */
	public long bytesSent() {
		return this.bytesSent.get();
	}

	@Override
	public void close() {
		this.closed = true;
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		for (Socket connection : this.open) {
			try {
				connection.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
	}

	private void accept() {
		while (!this.closed) {
			try {
				Socket connection = this.socket.accept();
				this.open.add(connection);
				Thread thread = new Thread(() -> serve(connection), "hostile-http");
				thread.setDaemon(true);
				thread.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket connection) {
		try (connection) {
			InputStream in = new BufferedInputStream(connection.getInputStream());
			Request request = read(in);
			if (request == null) {
				return;
			}
			this.requests.add(request);
			Reply reply = new Reply(connection.getOutputStream());
			Handler handler = this.routes.get(request.path());
			try {
				if (handler == null) {
					reply.json(404, "{\"code\":5,\"message\":\"not found\"}");
				}
				else {
					handler.answer(request, reply);
				}
				reply.out.flush();
			}
			catch (IOException ex) {
				if (!this.closed) {
					this.hangUps.incrementAndGet();
				}
			}
		}
		catch (IOException | InterruptedException ex) {
			// the connection or the server went away
		}
		finally {
			this.open.remove(connection);
		}
	}

	private static Request read(InputStream in) throws IOException {
		String requestLine = line(in);
		if (requestLine == null || requestLine.isEmpty()) {
			return null;
		}
		Map<String, String> headers = new LinkedHashMap<>();
		for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
			int colon = header.indexOf(':');
			if (colon > 0) {
				headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
						header.substring(colon + 1).trim());
			}
		}
		int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
		byte[] body = in.readNBytes(length);
		String[] parts = requestLine.split(" ");
		String target = (parts.length > 1) ? parts[1] : "/";
		int question = target.indexOf('?');
		return new Request(parts[0], (question < 0) ? target : target.substring(0, question),
				(question < 0) ? "" : target.substring(question + 1), headers,
				new String(body, StandardCharsets.UTF_8));
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b != -1; b = in.read()) {
			if (b == '\n') {
				String text = line.toString(StandardCharsets.ISO_8859_1);
				return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
			}
			line.write(b);
		}
		return (line.size() > 0) ? line.toString(StandardCharsets.ISO_8859_1) : null;
	}

	/** How a test answers one request. */
	@FunctionalInterface
	public interface Handler {

		void answer(Request request, Reply reply) throws IOException, InterruptedException;

	}

	/**
	 * One request as received.
	 *
	 * @param headers by lower-case name
	 */
	public record Request(String method, String path, String query, Map<String, String> headers, String body) {

		public String header(String name) {
			return this.headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
		}

		/** The first value of a query parameter, decoded; empty when absent. */
		public String queryParam(String name) {
			for (String pair : this.query.split("&")) {
				int equals = pair.indexOf('=');
				if (equals > 0 && pair.substring(0, equals).equals(name)) {
					return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
				}
			}
			return "";
		}

	}

	/** Writes an answer, well-formed or not. */
	public final class Reply {

		private final OutputStream out;

		private Reply(OutputStream out) {
			this.out = out;
		}

		/** Writes bytes as they are, at once. */
		public Reply raw(byte[] bytes) throws IOException {
			this.out.write(bytes);
			this.out.flush();
			HostileHttpServer.this.bytesSent.addAndGet(bytes.length);
			return this;
		}

		public Reply raw(String text) throws IOException {
			return raw(text.getBytes(StandardCharsets.UTF_8));
		}

		/**
		 * A status line and headers (each {@code "Name: value"}), then the blank line; no
		 * header is added.
		 */
		public Reply head(int status, String... headers) throws IOException {
			StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(" Whatever\r\n");
			for (String header : headers) {
				head.append(header).append("\r\n");
			}
			return raw(head.append("\r\n").toString());
		}

		/**
		 * A complete, well-formed JSON answer (with {@code Content-Length}), plus
		 * {@code headers}.
		 */
		public Reply json(int status, String body, String... headers) throws IOException {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			return json(status, bytes, headers);
		}

		public Reply json(int status, byte[] body, String... headers) throws IOException {
			String[] all = new String[headers.length + 3];
			all[0] = "Content-Type: application/json";
			all[1] = "Content-Length: " + body.length;
			all[2] = "Connection: close";
			System.arraycopy(headers, 0, all, 3, headers.length);
			head(status, all);
			return raw(body);
		}

		/** Writes {@code bytes} one at a time, {@code interval} apart. */
		public Reply drip(byte[] bytes, Duration interval) throws IOException, InterruptedException {
			for (byte b : bytes) {
				raw(new byte[] { b });
				Thread.sleep(interval.toMillis());
			}
			return this;
		}

		/**
		 * Writes {@code count} bytes of {@code filler} (repeated), as fast as the client
		 * reads them.
		 */
		public Reply stream(long count, byte filler) throws IOException {
			byte[] block = new byte[64 * 1024];
			Arrays.fill(block, filler);
			for (long left = count; left > 0; left -= block.length) {
				raw((left >= block.length) ? block : Arrays.copyOf(block, (int) left));
			}
			return this;
		}

		/** Keeps the connection open, sending nothing, until the server is closed. */
		public void hold() throws InterruptedException {
			while (!HostileHttpServer.this.closed) {
				Thread.sleep(20);
			}
		}

	}

}
