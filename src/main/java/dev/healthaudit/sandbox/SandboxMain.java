package dev.healthaudit.sandbox;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.springframework.boot.convert.DurationStyle;

/**
 * Runs a sandbox as its own process (for benchmarks and manual tries) until it is killed.
 * Options:
 * {@code --port= --accounts= --seed= --latency=500ms --latency-jitter=0ms --requests-per-minute=
 * --limiter=window|bucket --limit-schedule=30s:0.5:30s --token-lifetime=24h --slow-probe-delay=5s
 * --warm-up=0 --write-input=<csv path> --timeline=<csv path>} ({@code warm-up}: requests
 * served by a throwaway sandbox first, see {@link SandboxWarmUp}; requests and refusals
 * per tenth of a second, written on SIGTERM), {@code --request-log=<csv path>} (one line
 * per request, see {@link RequestLog}), a fault plan:
 * {@code --faults=RATE_LIMITED,BAD_GATEWAY --fault-share=0.1 --fault-route=/api/v1/execute_tool --fault-burst=1
 * --fault-delay=30s --fault-seed=1}, and noise ({@link NoisePlan}):
 * {@code --noise-auth-rate-limited=0.01
 * --noise-provider-rate-limited=0.01 --noise-server-error=0.03 --noise-max-burst=2 --noise-seed=1}.
 * On SIGTERM it prints its totals ({@link SandboxTotals#describe()}) and writes the
 * timeline.
 */
public final class SandboxMain {

	private SandboxMain() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		SandboxSettings settings;
		Path input;
		Path timeline;
		int warmUp;
		try {
			Map<String, String> options = options(args);
			settings = settings(options);
			input = options.containsKey("write-input") ? Path.of(options.get("write-input")) : null;
			timeline = options.containsKey("timeline") ? Path.of(options.get("timeline")) : null;
			warmUp = options.containsKey("warm-up") ? integer("warm-up", options.get("warm-up")) : 0;
		}
		catch (IllegalArgumentException ex) {
			System.err.println("sandbox: " + ex.getMessage());
			System.exit(2);
			return;
		}
		if (warmUp > 0) {
			long started = System.nanoTime();
			int answered = SandboxWarmUp.run(Math.min(settings.accounts(), 500), warmUp);
			System.out
				.println("warm-up: " + answered + " of " + warmUp + " requests answered by a throwaway sandbox in "
						+ (System.nanoTime() - started) / 1_000_000 + " ms");
		}
		SandboxServer server = SandboxServer.start(settings);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			// benchmarks read these on SIGTERM; deliberately not an HTTP route
			System.out.println(server.totals().describe());
			System.out.flush();
			if (timeline != null) {
				try {
					server.writeTimeline(timeline);
				}
				catch (IOException ex) {
					System.err.println("sandbox: cannot write the timeline " + timeline + ": " + ex.getMessage());
				}
			}
			server.close();
		}, "sandbox-shutdown"));
		if (input != null) {
			server.fleet().writeInputCsv(input);
		}
		describe(server, input, System.out);
		new CountDownLatch(1).await();
	}

	static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			int eq = arg.indexOf('=');
			if (!arg.startsWith("--") || eq < 0) {
				throw new IllegalArgumentException("expected --name=value, got: " + arg);
			}
			options.put(arg.substring(2, eq), arg.substring(eq + 1));
		}
		return options;
	}

	static SandboxSettings settings(Map<String, String> options) {
		SandboxSettings settings = SandboxSettings.defaults();
		for (Map.Entry<String, String> option : options.entrySet()) {
			String value = option.getValue();
			settings = switch (option.getKey()) {
				case "port" -> settings.withPort(integer(option.getKey(), value));
				case "accounts" -> settings.withAccounts(integer(option.getKey(), value));
				case "seed" -> settings.withSeed(Long.parseLong(value));
				case "latency" -> settings.withLatency(duration(value));
				case "latency-jitter" -> settings.withLatencyJitter(duration(value));
				case "requests-per-minute" -> settings.withRequestsPerMinute(integer(option.getKey(), value));
				case "limiter" -> settings.withLimiter(limiter(value));
				case "limit-schedule" -> settings.withLimitSchedule(LimitSchedule.parse(value));
				case "token-lifetime" -> settings.withTokenLifetime(duration(value));
				case "slow-probe-delay" -> settings.withSlowProbeDelay(duration(value));
				case "faults" -> settings
					.withFaults(new FaultPlan(faults(value), settings.faults().share(), settings.faults().route(),
							settings.faults().burst(), settings.faults().delay(), settings.faults().seed()));
				case "fault-share" -> settings.withFaults(
						new FaultPlan(settings.faults().faults(), Double.parseDouble(value), settings.faults().route(),
								settings.faults().burst(), settings.faults().delay(), settings.faults().seed()));
				case "fault-route" -> settings.withFaults(settings.faults().withRoute(value));
				case "fault-burst" -> settings.withFaults(settings.faults().withBurst(integer(option.getKey(), value)));
				case "fault-delay" -> settings.withFaults(settings.faults().withDelay(duration(value)));
				case "fault-seed" -> settings.withFaults(settings.faults().withSeed(Long.parseLong(value)));
				case "noise-auth-rate-limited" ->
					settings.withNoise(settings.noise().withAuthRateLimited(share(option.getKey(), value)));
				case "noise-provider-rate-limited" ->
					settings.withNoise(settings.noise().withProviderRateLimited(share(option.getKey(), value)));
				case "noise-server-error" ->
					settings.withNoise(settings.noise().withServerError(share(option.getKey(), value)));
				case "noise-max-burst" ->
					settings.withNoise(settings.noise().withMaxBurst(integer(option.getKey(), value)));
				case "noise-seed" -> settings.withNoise(settings.noise().withSeed(Long.parseLong(value)));
				case "request-log" -> settings.withRequestLog(Path.of(value));
				case "write-input", "timeline", "warm-up" -> settings;
				default -> throw new IllegalArgumentException("unknown option --" + option.getKey());
			};
		}
		return settings;
	}

	static void describe(SandboxServer server, Path input, PrintStream out) {
		SandboxSettings settings = server.settings();
		out.println("Scalekit sandbox (simulator, not a real environment) listening on " + server.baseUrl());
		out.println("SCALEKIT_ENVIRONMENT_URL=" + server.baseUrl());
		out.println("SCALEKIT_CLIENT_ID=" + settings.clientId());
		// A fixed, publicly known sandbox value: printing it is what lets another process
		// connect.
		out.println("SCALEKIT_CLIENT_SECRET=" + settings.clientSecret());
		out.println("accounts=" + settings.accounts() + " seed=" + settings.seed() + " latency=" + settings.latency()
				+ " latency-jitter=" + settings.latencyJitter() + " requests-per-minute=" + settings.requestsPerMinute()
				+ " limiter=" + settings.limiter().name().toLowerCase(Locale.ROOT) + " limit-schedule="
				+ (settings.limitSchedule().isEmpty() ? "none" : settings.limitSchedule()));
		NoisePlan noise = settings.noise();
		if (noise.active()) {
			out.println("noise: auth-rate-limited=" + noise.authRateLimited() + " provider-rate-limited="
					+ noise.providerRateLimited() + " server-error=" + noise.serverError() + " max-burst="
					+ noise.maxBurst() + " seed=" + noise.seed());
		}
		if (input != null) {
			out.println("input CSV written to " + input.toAbsolutePath());
		}
		out.flush();
	}

	private static java.util.List<Fault> faults(String value) {
		java.util.List<Fault> faults = new java.util.ArrayList<>();
		for (String name : value.split(",")) {
			if (!name.isBlank()) {
				faults.add(Fault.valueOf(name.strip().toUpperCase(java.util.Locale.ROOT)));
			}
		}
		return faults;
	}

	private static Limiter limiter(String value) {
		try {
			return Limiter.valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("--limiter must be window or bucket, got: " + value);
		}
	}

	private static double share(String name, String value) {
		try {
			return Double.parseDouble(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a number between 0 and 1, got: " + value);
		}
	}

	private static int integer(String name, String value) {
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a whole number, got: " + value);
		}
	}

	private static Duration duration(String value) {
		return DurationStyle.detectAndParse(value);
	}

}
