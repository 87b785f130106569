package dev.healthaudit.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves a number of requests on a throwaway sandbox in this JVM before the real one
 * starts, so that the real one's first requests meet compiled code, as those of a real
 * Scalekit environment, a server long running, do. The throwaway server has no request
 * log, no noise, no faults, no limit and no latency, so the real one's counts, timeline
 * and log hold the benchmarked run only. It did not even out a run's first second: those
 * requests were held back in the job's own HTTP client, which started its threads while
 * they left (bench/README.md, session 7).
 */
final class SandboxWarmUp {

	private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

	private static final int THREADS = 16;

	private SandboxWarmUp() {
	}

	/**
	 * Sends {@code requests} account reads and tool calls (half each) to a throwaway
	 * sandbox of {@code accounts} accounts, from {@value #THREADS} threads.
	 * @return how many of them were answered, whatever the status (the sandbox's
	 * scenarios answer some reads with 404 and some tool calls with 401, 403 or 500)
	 */
	static int run(int accounts, int requests) throws IOException, InterruptedException {
		SandboxSettings settings = SandboxSettings.defaults().withAccounts(accounts).withLatency(Duration.ZERO);
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		try (SandboxServer server = SandboxServer.start(settings)) {
			HttpClient http = HttpClient.newHttpClient();
			String token = token(http, server);
			List<SandboxAccount> fleet = server.fleet().accounts();
			List<Future<Boolean>> answers = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				SandboxAccount account = fleet.get(i % fleet.size());
				HttpRequest request = ((i % 2) == 0) ? read(server, token, account) : probe(server, token, account);
				answers
					.add(pool.submit(() -> http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() > 0));
			}
			int answered = 0;
			for (Future<Boolean> answer : answers) {
				try {
					answered += answer.get(30, TimeUnit.SECONDS) ? 1 : 0;
				}
				catch (ExecutionException | TimeoutException ex) {
					// a lost answer only means one request less of warming
				}
			}
			return answered;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static String token(HttpClient http, SandboxServer server) throws IOException, InterruptedException {
		String form = "grant_type=client_credentials&client_id=" + encode(server.settings().clientId())
				+ "&client_secret=" + encode(server.settings().clientSecret());
		HttpResponse<String> answer = http.send(HttpRequest.newBuilder(server.baseUrl().resolve("/oauth/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		Matcher token = ACCESS_TOKEN.matcher(answer.body());
		if (!token.find()) {
			throw new IOException("the warm-up sandbox gave no token: HTTP " + answer.statusCode());
		}
		return token.group(1);
	}

	private static HttpRequest read(SandboxServer server, String token, SandboxAccount account) {
		URI uri = server.baseUrl()
			.resolve("/api/v1/connected_accounts/auth?connector=" + encode(account.connector()) + "&identifier="
					+ encode(account.identifier()));
		return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET().build();
	}

	private static HttpRequest probe(SandboxServer server, String token, SandboxAccount account) {
		String body = "{\"tool_name\":\"" + account.connection().probeTool() + "\",\"connector\":\""
				+ account.connector() + "\",\"identifier\":\"" + account.identifier() + "\",\"params\":{}}";
		return HttpRequest.newBuilder(server.baseUrl().resolve("/api/v1/execute_tool"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
