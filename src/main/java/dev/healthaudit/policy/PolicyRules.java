package dev.healthaudit.policy;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.boot.origin.OriginTrackedValue;

import dev.healthaudit.finding.Finding;

/**
 * The checks binding cannot express: required keys, ranges, names, settings that belong to another source type,
 * and probe safety. Keys that already failed to bind are skipped so that each mistake is reported once.
 */
final class PolicyRules {

	// The policy name ends up in file names (reports, locks), so it is kept to portable file-name characters.
	private static final Pattern POLICY_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	// What Scalekit accepts as a connection name.
	static final Pattern CONNECTION_NAME = Pattern.compile("^[a-zA-Z0-9_: -]{1,400}$");

	static final int MAX_SOURCE_CONNECTION_NAMES = 20;

	/**
	 * Probe requests per second, at most: more than any provider grants, and within what a token bucket can refill
	 * (10^12 per second fails deep inside the rate limiter, far from the policy).
	 */
	static final double MAX_RATE_LIMIT = 100_000;

	/** Probe requests per second, at least: slower than one probe per 100 s would look like a hung job. */
	static final double MIN_RATE_LIMIT = 0.01;

	/** Longest HTTP timeout: one call that takes longer is not coming back. */
	static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

	/** Longest backoff between attempts: a policy must not be able to park the job for days (or overflow a clock). */
	static final Duration MAX_BACKOFF = Duration.ofHours(1);

	private final PolicyDocument document;

	private final Problems problems;

	private final Set<String> failedKeys;

	PolicyRules(PolicyDocument document, Problems problems, Set<String> failedKeys) {
		this.document = document;
		this.problems = problems;
		this.failedKeys = failedKeys;
	}

	void check(PolicyProperties policy, Object connectionsTree, Map<String, ConnectionPolicy> connections) {
		checkName(policy.name());
		checkSource(policy.source());
		checkScalekit(policy.scalekit());
		checkRange("concurrency", policy.concurrency(), 1, 512);
		checkRetry(policy.retry());
		checkConnections(connectionsTree, connections, new HashSet<>(policy.allowedWriteTools()));
		checkNotBlank("allowed-write-tools", policy.allowedWriteTools());
	}

	/** {@code fail-on}: absent or {@code none} is "never", otherwise a finding name, case-insensitive. */
	Optional<Finding> failOn(String value) {
		if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("none")
				|| this.failedKeys.contains("fail-on")) {
			return Optional.empty();
		}
		String normalized = value.trim().replace('-', '_').toUpperCase(Locale.ROOT);
		if (Arrays.stream(Finding.values()).noneMatch((finding) -> finding.name().equals(normalized))) {
			this.problems.add("fail-on", "invalid value " + Excerpt.quoted(value) + " for 'fail-on' (expected none or one of "
					+ Arrays.stream(Finding.values()).map(Finding::name).collect(Collectors.joining(", ")) + ")");
			return Optional.empty();
		}
		return Optional.of(Finding.valueOf(normalized));
	}

	private void checkName(String name) {
		if (isFailed("name")) {
			return;
		}
		if (name == null || name.isBlank()) {
			this.problems.add("name", "'name' is required (it names the run and its report files)");
		}
		else if (!POLICY_NAME.matcher(name).matches()) {
			this.problems.add("name", "invalid value " + Excerpt.quoted(name)
					+ " for 'name' (expected 1 to 64 letters, digits, '.', '_' or '-'; it is used in file names)");
		}
	}

	private void checkSource(SourceSettings source) {
		if (isFailed("source")) {
			return;
		}
		if (source == null) {
			this.problems.add("source", "'source' is required (type csv, scalekit or jdbc)");
			return;
		}
		if (source.type() == null) {
			if (!isFailed("source.type")) {
				this.problems.add("source", "'source.type' is required (csv, scalekit or jdbc)");
			}
			return;
		}
		switch (source.type()) {
			case CSV -> {
				require("source.path", source.path(), "csv");
				refuse(source, "source.connection-names", !source.connectionNames().isEmpty());
				refuse(source, "source.url", source.url() != null);
				refuse(source, "source.username", source.username() != null);
				refuse(source, "source.password", source.password() != null);
				refuse(source, "source.query", source.query() != null);
			}
			case SCALEKIT -> {
				refuse(source, "source.path", source.path() != null);
				refuse(source, "source.url", source.url() != null);
				refuse(source, "source.username", source.username() != null);
				refuse(source, "source.password", source.password() != null);
				refuse(source, "source.query", source.query() != null);
				checkSourceConnectionNames(source.connectionNames());
			}
			case JDBC -> {
				require("source.url", blankToNull(source.url()), "jdbc");
				require("source.query", blankToNull(source.query()), "jdbc");
				refuse(source, "source.path", source.path() != null);
				refuse(source, "source.connection-names", !source.connectionNames().isEmpty());
				checkJdbc(source);
			}
		}
	}

	/** A policy must not be a way to run code in the job or read its files: see {@link JdbcSourceRules}. */
	private void checkJdbc(SourceSettings source) {
		String url = blankToNull(source.url());
		if (url != null && !isFailed("source.url")) {
			JdbcSourceRules.urlProblems(url).forEach((problem) -> this.problems.add("source.url", problem));
		}
		String query = blankToNull(source.query());
		if (query != null && !isFailed("source.query")) {
			JdbcSourceRules.queryProblems((url != null) ? url : "", query)
				.forEach((problem) -> this.problems.add("source.query", problem));
		}
	}

	private void checkSourceConnectionNames(List<String> names) {
		if (isFailed("source.connection-names")) {
			return;
		}
		if (names.size() > MAX_SOURCE_CONNECTION_NAMES) {
			this.problems.add("source.connection-names", "'source.connection-names' lists " + names.size()
					+ " connections; at most " + MAX_SOURCE_CONNECTION_NAMES + " are allowed");
		}
		for (int i = 0; i < names.size(); i++) {
			String name = names.get(i);
			if (name == null || !CONNECTION_NAME.matcher(name).matches()) {
				String key = "source.connection-names[" + i + "]";
				this.problems.add(key,
						"invalid connection name " + Excerpt.quoted(name) + " in '" + key + "' " + connectionNameRule());
			}
		}
	}

	private void checkScalekit(ScalekitSettings scalekit) {
		if (isWholeNumber("scalekit.requests-per-minute") && scalekit.requestsPerMinute() <= 0) {
			this.problems.add("scalekit.requests-per-minute", "invalid value '" + scalekit.requestsPerMinute()
					+ "' for 'scalekit.requests-per-minute' (expected a number greater than 0)");
		}
		checkDuration("scalekit.connect-timeout", scalekit.connectTimeout(), MAX_TIMEOUT);
		checkDuration("scalekit.read-timeout", scalekit.readTimeout(), MAX_TIMEOUT);
		checkDuration("scalekit.tool-timeout", scalekit.toolTimeout(), MAX_TIMEOUT);
	}

	private void checkRetry(RetrySettings retry) {
		checkRange("retry.max-attempts", retry.maxAttempts(), 1, 20);
		boolean initialValid = checkDuration("retry.initial-backoff", retry.initialBackoff(), MAX_BACKOFF);
		boolean maxValid = checkDuration("retry.max-backoff", retry.maxBackoff(), MAX_BACKOFF);
		if (initialValid && maxValid && retry.maxBackoff().compareTo(retry.initialBackoff()) < 0) {
			this.problems.add("retry.max-backoff", "'retry.max-backoff' (" + retry.maxBackoff()
					+ ") must not be shorter than 'retry.initial-backoff' (" + retry.initialBackoff() + ")");
		}
	}

	private void checkConnections(Object connectionsTree, Map<String, ConnectionPolicy> connections,
			Set<String> allowedWriteTools) {
		if (connectionsTree != null && !(connectionsTree instanceof Map<?, ?>)) {
			this.problems.add("connections", "'connections' must be a mapping of connection names to their settings");
			return;
		}
		Map<?, ?> tree = (Map<?, ?>) connectionsTree;
		if (tree == null || tree.isEmpty()) {
			this.problems.add("connections",
					"'connections' is required: at least one connection with its probe (connections.<name>.probe.tool)");
			return;
		}
		tree.forEach((key, entry) -> {
			String name = String.valueOf(key);
			String prefix = "connections." + name;
			if (!CONNECTION_NAME.matcher(name).matches()) {
				this.problems.add(prefix, "invalid connection name " + Excerpt.quoted(name) + " under 'connections' "
						+ connectionNameRule());
			}
			if (entry != null && !(entry instanceof Map<?, ?>)) {
				this.problems.add(prefix, "'" + prefix + "' must be a mapping with probe, required-scopes and rate-limit");
			}
		});
		connections.forEach((name, connection) -> checkConnection("connections." + name, connection,
				allowedWriteTools));
	}

	private void checkConnection(String prefix, ConnectionPolicy connection, Set<String> allowedWriteTools) {
		checkNotBlank(prefix + ".required-scopes", connection.requiredScopes());
		if (!isFailed(prefix + ".rate-limit") && !(connection.rateLimit() >= MIN_RATE_LIMIT
				&& connection.rateLimit() <= MAX_RATE_LIMIT)) {
			this.problems.add(prefix + ".rate-limit", "invalid value '" + connection.rateLimit() + "' for '" + prefix
					+ ".rate-limit' (expected probe requests per second, from " + MIN_RATE_LIMIT + " to "
					+ (long) MAX_RATE_LIMIT + ")");
		}
		if (isFailed(prefix + ".probe") || isFailed(prefix + ".probe.tool")) {
			return;
		}
		String toolKey = prefix + ".probe.tool";
		String tool = (connection.probe() != null) ? connection.probe().tool() : null;
		if (tool == null || tool.isBlank()) {
			this.problems.add((connection.probe() != null) ? prefix + ".probe" : prefix, "'" + toolKey
					+ "' is required: the read-only tool run against each account (for example gmail_get_profile)");
			return;
		}
		Optional<String> writeToken = ProbeSafety.writeToken(tool);
		if (writeToken.isPresent() && !allowedWriteTools.contains(tool)) {
			this.problems.add(toolKey, toolKey + " " + Excerpt.quoted(tool) + " looks like a write (token '" + writeToken.get()
					+ "'); probes must be read-only. List it under allowed-write-tools to allow it.");
		}
	}

	private void require(String key, Object value, String type) {
		if (value == null && !isFailed(key)) {
			this.problems.add("source", "'" + key + "' is required for source type " + type);
		}
	}

	private void refuse(SourceSettings source, String key, boolean present) {
		if (present) {
			this.problems.add(key, "'" + key + "' does not apply to source type "
					+ source.type().name().toLowerCase(Locale.ROOT) + "; remove it");
		}
	}

	private void checkRange(String key, int value, int min, int max) {
		if (isWholeNumber(key) && (value < min || value > max)) {
			this.problems.add(key, "invalid value '" + value + "' for '" + key + "' (expected " + min + " to " + max
					+ ")");
		}
	}

	private boolean checkDuration(String key, Duration value, Duration max) {
		if (!checkPositive(key, value)) {
			return false;
		}
		if (value.compareTo(max) > 0) {
			this.problems.add(key, "invalid value '" + value + "' for '" + key + "' (expected at most " + max
				.toString()
				.substring(2)
				.toLowerCase(Locale.ROOT) + ")");
			return false;
		}
		return true;
	}

	private boolean checkPositive(String key, Duration value) {
		if (isFailed(key)) {
			return false;
		}
		// Spring reads a bare number as milliseconds: "read-timeout: 20" would be 20ms, almost surely not meant.
		if (value != null && this.document.properties().get(key) instanceof OriginTrackedValue tracked
				&& tracked.getValue() instanceof Number) {
			this.problems.add(key, "invalid value '" + tracked.getValue() + "' for '" + key
					+ "' (expected a duration with a unit such as 500ms, 5s or 2m)");
			return false;
		}
		if (value == null || value.isNegative() || value.isZero()) {
			this.problems.add(key, "invalid value '" + value + "' for '" + key
					+ "' (expected a positive duration such as 500ms, 5s or 2m)");
			return false;
		}
		return true;
	}

	private void checkNotBlank(String key, List<String> values) {
		for (int i = 0; i < values.size(); i++) {
			String elementKey = key + "[" + i + "]";
			if ((values.get(i) == null || values.get(i).isBlank()) && !isFailed(elementKey)) {
				this.problems.add(elementKey, "'" + elementKey + "' is empty");
			}
		}
	}

	// Spring's number conversion truncates: "concurrency: 2.5" would silently become 2.
	private boolean isWholeNumber(String key) {
		if (isFailed(key)) {
			return false;
		}
		if (this.document.properties().get(key) instanceof OriginTrackedValue tracked
				&& tracked.getValue() instanceof Number number && !(number instanceof Integer || number instanceof Long)) {
			this.problems.add(key, "invalid value '" + number + "' for '" + key + "' (expected an integer)");
			return false;
		}
		return true;
	}

	private boolean isFailed(String key) {
		return this.failedKeys.contains(key);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	private static String connectionNameRule() {
		return "(expected 1 to 400 letters, digits, '_', ':', '-' or spaces)";
	}

}
