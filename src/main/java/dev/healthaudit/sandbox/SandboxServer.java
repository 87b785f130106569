package dev.healthaudit.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * An in-process HTTP simulator of the Scalekit REST API (wire reference
 * {@code docs/scalekit-api.md}). A client gets only {@link #baseUrl()} and cannot tell it
 * from the real service: same paths, JSON, statuses and error bodies, with a
 * deterministic fleet, latency (with jitter), an environment rate limit (with a
 * schedule), provider failures per {@link Scenario}, and injected faults and noise.
 */
public final class SandboxServer implements AutoCloseable {

	/**
	 * Handler threads. Each in-flight request holds one while it sleeps out latency or a
	 * slow probe, so this bounds how many clients are served in parallel: well above the
	 * 128 the benchmarks use.
	 */
	static final int HANDLER_THREADS = 256;

	static {
		// The JDK server writes headers and body as separate segments; with Nagle's
		// algorithm on, the body then waits
		// for the client's delayed ACK (~40 ms a request). Read once per JVM, so set it
		// before any server exists.
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
	}

	private final SandboxSettings settings;

	private final SandboxFleet fleet;

	private final Clock clock;

	private final HttpServer http;

	private final ExecutorService executor;

	private final AccessTokens tokens;

	private final @Nullable RequestBudget budget;

	private final @Nullable RequestWindow window;

	private final FaultInjector faults;

	private final NoiseInjector noise;

	private final @Nullable RequestLog requestLog;

	private final Map<String, Map<String, Route>> routes = new LinkedHashMap<>();

	private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

	private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();

	private final LongAdder environmentRateLimited = new LongAdder();

	private final AtomicReference<Instant> firstRequest = new AtomicReference<>();

	private volatile @Nullable Instant lastRequest;

	private final ArrivalTimeline timeline = new ArrivalTimeline();

	private final List<RecordedRequest> recorded = Collections.synchronizedList(new ArrayList<>());

	private final JsonMapper json = JsonMapper.shared();

	private SandboxServer(SandboxSettings settings, Clock clock, Optional<SandboxNight> night) throws IOException {
		this.settings = settings;
		FleetNights nights = FleetNights.of(settings);
		this.fleet = night.map(nights::fleetOn).orElse(nights.fleet());
		this.clock = clock;
		Instant start = night.map(SandboxNight::start).orElse(clock.instant().truncatedTo(ChronoUnit.SECONDS));
		AccountDirectory accounts = new AccountDirectory(this.fleet, settings.seed(), start);
		night.ifPresent((tonight) -> nights.restoreLastUse(accounts, tonight));
		this.tokens = new AccessTokens(clock, settings.tokenLifetime());
		boolean limited = settings.requestsPerMinute() > 0;
		this.budget = (limited && settings.limiter() == Limiter.BUCKET)
				? new RequestBudget(settings.requestsPerMinute(), System::nanoTime) : null;
		this.window = (limited && settings.limiter() == Limiter.WINDOW)
				? new RequestWindow(settings.requestsPerMinute()) : null;
		this.faults = new FaultInjector(settings.faults());
		this.noise = new NoiseInjector(settings.noise());
		this.requestLog = settings.requestLog().map(RequestLog::open).orElse(null);
		registerRoutes(accounts, start);
		this.executor = Executors.newFixedThreadPool(HANDLER_THREADS, daemonThreads());
		this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 1024);
		this.http.createContext("/", this::handle);
		this.http.setExecutor(this.executor);
		this.http.start();
	}

	/** Starts a server on 127.0.0.1 (a free port unless the settings name one). */
	public static SandboxServer start(SandboxSettings settings) {
		return start(settings, Clock.systemUTC());
	}

	static SandboxServer start(SandboxSettings settings, Clock clock) {
		return start(settings, clock, Optional.empty());
	}

	/**
	 * Starts a server whose fleet is as it is on {@code night} of the sandbox's calendar
	 * (the classic fleet when empty), answering with the time of {@code clock}: give it
	 * the audit's clock, {@link SandboxNight#clock()}.
	 */
	public static SandboxServer start(SandboxSettings settings, Clock clock, Optional<SandboxNight> night) {
		try {
			return new SandboxServer(settings, clock, night);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start the sandbox on port " + settings.port(), ex);
		}
	}

	/**
	 * The environment URL to give a client, for example {@code http://127.0.0.1:41234}.
	 */
	public URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.http.getAddress().getPort());
	}

	public SandboxSettings settings() {
		return this.settings;
	}

	public SandboxFleet fleet() {
		return this.fleet;
	}

	/**
	 * Every request received so far, oldest first; empty unless the settings ask to
	 * record requests.
	 */
	public List<RecordedRequest> requests() {
		synchronized (this.recorded) {
			return List.copyOf(this.recorded);
		}
	}

	/**
	 * How many requests arrived with this method and path (always counted, whatever the
	 * outcome).
	 */
	public long requestCount(String method, String path) {
		LongAdder count = this.counts.get(method + " " + path);
		return (count != null) ? count.sum() : 0;
	}

	/**
	 * Counts of what was served so far (requests per route and status, refusals of the
	 * rate limit and what it allowed, injected noise and faults, first and last request).
	 */
	public SandboxTotals totals() {
		Map<String, Long> requests = new LinkedHashMap<>();
		this.counts.forEach((route, count) -> requests.put(route, count.sum()));
		Map<Integer, Long> statuses = new LinkedHashMap<>();
		this.statuses.forEach((status, count) -> statuses.put(status, count.sum()));
		Instant first = this.firstRequest.get();
		Instant last = this.lastRequest;
		return new SandboxTotals(requests, statuses, this.environmentRateLimited.sum(), allowed(first, last),
				this.noise.injected(), this.faults.injected(), Optional.ofNullable(first), Optional.ofNullable(last));
	}

	/**
	 * Writes the requests that arrived in each tenth of a second so far, and how many of
	 * them the rate limit refused ({@code epoch_ms,requests,refused} lines).
	 */
	public void writeTimeline(Path file) throws IOException {
		this.timeline.write(file);
	}

	/** How many times each injected fault struck so far (empty without a fault plan). */
	public Map<Fault, Long> injectedFaults() {
		return this.faults.injected();
	}

	/**
	 * Test hook: every access token issued so far is expired, so the next API call with
	 * one gets a 401.
	 */
	public void expireIssuedTokens() {
		this.tokens.expireAll();
	}

	@Override
	public void close() {
		this.http.stop(0);
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			if (this.requestLog != null) {
				this.requestLog.close();
			}
		}
	}

	private void registerRoutes(AccountDirectory accounts, Instant start) {
		TokenEndpoint token = new TokenEndpoint(this.tokens, this.settings.clientId(), this.settings.clientSecret());
		ConnectedAccountsApi connectedAccounts = new ConnectedAccountsApi(accounts);
		ToolsApi tools = new ToolsApi(accounts, new ToolCatalogue(start), this.settings.slowProbeDelay());
		ConnectionsApi connections = new ConnectionsApi(this.fleet, start);
		route("POST", "/oauth/token", false, token::issue);
		route("GET", "/api/v1/connected_accounts", true, connectedAccounts::list);
		route("GET", "/api/v1/connected_accounts:search", true, connectedAccounts::search);
		route("GET", "/api/v1/connected_accounts/auth", true, connectedAccounts::auth);
		route("GET", "/api/v1/connected_accounts/details", true, connectedAccounts::details);
		route("POST", "/api/v1/connected_accounts/magic_link", true, connectedAccounts::magicLink);
		route("POST", "/api/v1/execute_tool", true, tools::execute);
		route("GET", "/api/v1/tools", true, tools::listTools);
		route("GET", "/api/v1/tools/scoped", true, tools::listScopedTools);
		route("GET", "/api/v1/tools/available", true, tools::listAvailableTools);
		route("GET", "/api/v1/connections/app", true, connections::list);
	}

	private void route(String method, String path, boolean authenticated, Handler handler) {
		this.routes.computeIfAbsent(path, (key) -> new LinkedHashMap<>())
			.put(method, new Route(authenticated, handler));
	}

	private void handle(HttpExchange exchange) {
		String method = exchange.getRequestMethod();
		String path = exchange.getRequestURI().getPath();
		String rawQuery = exchange.getRequestURI().getRawQuery();
		Instant now = this.clock.instant();
		try (exchange) {
			this.counts.computeIfAbsent(method + " " + path, (key) -> new LongAdder()).increment();
			this.firstRequest.compareAndSet(null, now);
			this.lastRequest = now;
			this.timeline.arrived(now.toEpochMilli());
			String body = readBody(exchange.getRequestBody());
			Optional<Fault> fault = this.faults.decide(method, path, rawQuery, body);
			if (fault.isPresent() && fault.get() == Fault.CONNECTION_RESET) {
				// closing an exchange before its response headers closes the connection:
				// the client reads nothing
				log(now, method, path, rawQuery, body, 0);
				return;
			}
			ApiReply reply = fault.isPresent() && fault.get().stage() == Fault.Stage.GATEWAY
					? FaultReplies.gateway(fault.get()) : reply(exchange, method, path, body, fault, now);
			sleep(this.settings.latencyFor(ThreadLocalRandom.current().nextDouble()));
			if (fault.isPresent() && fault.get() == Fault.READ_TIMEOUT) {
				sleep(this.faults.plan().delay());
			}
			FaultReplies.Bytes answer = FaultReplies.bytes(reply, fault, this.json);
			// logged before it is sent, so that the log is in the order the client saw
			// its answers
			log(now, method, path, rawQuery, body, answer.status());
			write(exchange, reply, answer);
		}
		catch (InterruptedException ex) {
			// The server is closing: drop the exchange.
			Thread.currentThread().interrupt();
		}
		catch (IOException | RuntimeException ex) {
			// The client went away or the response could not be written; nothing useful
			// to answer.
		}
	}

	private void log(Instant arrival, String method, String path, String rawQuery, String body, int status) {
		if (this.requestLog != null) {
			this.requestLog.log(arrival.toEpochMilli(), this.clock.millis(), method, path, rawQuery, body, status);
		}
	}

	private ApiReply reply(HttpExchange exchange, String method, String path, String body, Optional<Fault> fault,
			Instant now) {
		QueryParams query = QueryParams.parse(null);
		try {
			if (fault.isPresent() && fault.get().stage() == Fault.Stage.TOKEN) {
				this.tokens.expireAll();
				if (fault.get() == Fault.TOKEN_ENDPOINT_DOWN) {
					this.faults.startTokenOutage();
				}
			}
			if (path.equals(FaultInjector.TOKEN_PATH) && this.faults.tokenEndpointDown()) {
				return FaultReplies.tokenEndpointDown();
			}
			query = QueryParams.parse(exchange.getRequestURI().getRawQuery());
			Map<String, Route> byMethod = this.routes.get(path);
			if (byMethod == null) {
				return ApiErrors.routeNotFound();
			}
			Route route = byMethod.get(method);
			if (route == null) {
				return ApiErrors.methodNotAllowed(String.join(", ", byMethod.keySet()));
			}
			if (route.authenticated()) {
				this.tokens.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
				if (!admitted(now)) {
					this.environmentRateLimited.increment();
					this.timeline.refused(now.toEpochMilli());
					throw ApiErrors.rateLimited();
				}
				Optional<ApiReply> noisy = this.noise.decide(method, path, exchange.getRequestURI().getRawQuery(),
						body);
				if (noisy.isPresent()) {
					return noisy.get();
				}
			}
			ApiRequest request = new ApiRequest(method, path, query, body,
					exchange.getRequestHeaders().getFirst("Content-Type"), this.clock.instant());
			return route.handler().handle(request);
		}
		catch (ApiException ex) {
			return ex.reply();
		}
		catch (RuntimeException ex) {
			return ApiErrors.status(ApiErrors.INTERNAL, "internal error: " + ex.getClass().getSimpleName(), "INTERNAL");
		}
		finally {
			if (this.settings.recordRequests()) {
				this.recorded.add(new RecordedRequest(method, path, query.asMap(), body));
			}
		}
	}

	/** Whether the environment's rate limit lets a request arriving now through. */
	private boolean admitted(Instant now) {
		if (this.budget != null) {
			return this.budget.tryAcquire();
		}
		if (this.window != null) {
			Instant first = this.firstRequest.get();
			Duration sinceFirst = (first != null) ? Duration.between(first, now) : Duration.ZERO;
			return this.window.tryAcquire(nanos(now), this.settings.limitSchedule().factorAt(sinceFirst));
		}
		return true;
	}

	/**
	 * What the rate limit allowed at most between the first and the last request (0
	 * without a limit).
	 */
	private double allowed(Instant first, Instant last) {
		if (first == null || last == null) {
			return 0;
		}
		Duration span = Duration.between(first, last);
		if (this.window != null) {
			return this.settings.limitSchedule().integrate(span, this.window::perSecond);
		}
		if (this.budget != null) {
			return this.settings.requestsPerMinute() / 60.0 * span.toNanos() / 1e9;
		}
		return 0;
	}

	private static long nanos(Instant instant) {
		return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
	}

	private static void sleep(Duration delay) throws InterruptedException {
		if (!delay.isZero()) {
			TimeUnit.NANOSECONDS.sleep(delay.toNanos());
		}
	}

	private static String readBody(InputStream in) throws IOException {
		return new String(in.readAllBytes(), StandardCharsets.UTF_8);
	}

	private void write(HttpExchange exchange, ApiReply reply, FaultReplies.Bytes answer) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", answer.contentType());
		reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
		this.statuses.computeIfAbsent(answer.status(), (key) -> new LongAdder()).increment();
		exchange.sendResponseHeaders(answer.status(), answer.body().length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(answer.body());
		}
	}

	private static ThreadFactory daemonThreads() {
		AtomicInteger counter = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, "sandbox-http-" + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	@FunctionalInterface
	private interface Handler {

		ApiReply handle(ApiRequest request);

	}

	private record Route(boolean authenticated, Handler handler) {

	}

}
