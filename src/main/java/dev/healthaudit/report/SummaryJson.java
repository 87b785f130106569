package dev.healthaudit.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.healthaudit.finding.Finding;
import dev.healthaudit.result.EnvironmentIncident;
import dev.healthaudit.result.Incident;

/**
 * {@code summary.json}: the run for machines (cron wrappers, dashboards). Built as a tree
 * so the key order is fixed and reviewable; every timestamp ISO-8601 UTC. It holds counts
 * only: no identifier, link or token.
 */
final class SummaryJson {

	/**
	 * {@code kind} of a run-level incident: most accounts could not be audited for one
	 * cause of the environment.
	 */
	static final String ENVIRONMENT = "ENVIRONMENT";

	/** {@code kind} of a connection-level incident. */
	static final String CONNECTION = "CONNECTION";

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private SummaryJson() {
	}

	/**
	 * @param metrics meter values by name and tags, written last under {@code metrics};
	 * null for none (no key)
	 */
	static void write(RunSummary summary, @Nullable Map<String, Double> metrics, Path file) {
		write(summary, null, metrics, file);
	}

	/**
	 * @param history the run against the runs before it ({@code ages},
	 * {@code campaign_followup}, {@code access_review}); null for none (no keys)
	 * @param metrics meter values by name and tags, written last under {@code metrics};
	 * null for none (no key)
	 */
	static void write(RunSummary summary, @Nullable HistorySummary history, @Nullable Map<String, Double> metrics,
			Path file) {
		ObjectNode root = tree(summary, history);
		if (metrics != null) {
			ObjectNode node = root.putObject("metrics");
			metrics.forEach(node::put);
		}
		try {
			// small by design (aggregates only), so a string is fine
			Files.writeString(file, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + file, ex);
		}
	}

	static ObjectNode tree(RunSummary summary) {
		return tree(summary, null);
	}

	static ObjectNode tree(RunSummary summary, HistorySummary history) {
		ObjectNode root = JSON.createObjectNode();
		root.put("run_id", summary.run().runId());
		ObjectNode policy = root.putObject("policy");
		policy.put("name", summary.run().policyName());
		policy.put("digest", summary.run().policyDigest());
		root.put("sandbox", summary.run().sandbox());
		root.put("started_at", timestamp(summary.run().startedAt()));
		root.put("ended_at", timestamp(summary.endedAt()));
		root.put("duration_seconds", seconds(summary.duration()));
		root.put("accounts", summary.totals().accounts());
		root.put("rejected", summary.totals().rejected());
		ObjectNode counts = root.putObject("counts");
		ObjectNode health = counts.putObject("health");
		ObjectNode findings = counts.putObject("findings");
		for (Finding finding : Finding.values()) {
			health.put(finding.name(), summary.count(finding));
			findings.put(finding.name(), summary.findings().getOrDefault(finding, 0L));
		}
		ObjectNode status = counts.putObject("status");
		statusCells(summary.statuses()).forEach(status::put);
		ObjectNode connections = counts.putObject("connections");
		summary.connections().forEach((connection, byHealth) -> {
			ObjectNode node = connections.putObject(connection);
			byHealth.forEach((finding, count) -> node.put(finding.name(), count));
		});
		ArrayNode incidents = root.putArray("incidents");
		summary.environmentIncident().ifPresent((incident) -> {
			// the run-level incident comes first: it says that the rest describes the
			// environment, not the accounts
			ObjectNode node = incidents.addObject();
			node.put("kind", ENVIRONMENT);
			node.put("incident", incident.code());
			node.put("finding", EnvironmentIncident.FINDING.name());
			node.put("recommended_action", incident.action());
			node.put("accounts", incident.accounts());
			node.put("message", incident.message());
		});
		for (Incident incident : summary.incidents()) {
			ObjectNode node = incidents.addObject();
			node.put("kind", CONNECTION);
			node.put("connection_name", incident.connectionName());
			node.put("incident", incident.incident());
			node.put("finding", incident.finding().name());
			node.put("recommended_action", incident.action());
			node.put("accounts", incident.accounts());
		}
		ObjectNode api = root.putObject("api");
		ObjectNode calls = api.putObject("calls");
		summary.api().calls().forEach(calls::put);
		api.put("retries", summary.api().retries());
		api.put("rate_limit_wait_seconds", seconds(Duration.ofNanos(summary.api().rateLimitWaitNanos())));
		ObjectNode changes = root.putObject("changes");
		changes.put("previous_run", summary.changes().previousRunId().orElse(null));
		changes.put("new", summary.changes().appeared());
		changes.put("resolved", summary.changes().resolved());
		changes.put("persisting", summary.changes().persisting());
		if (history != null) {
			HistoryJson.put(root, history);
		}
		root.put("version", summary.version());
		return root;
	}

	/**
	 * Accounts per {@code status} cell of {@code accounts.csv}: the keys are exactly the
	 * cells (an account whose status was never read has an empty one, a status a
	 * spreadsheet would evaluate is neutralised), so that the counts of the JSON and of
	 * the CSV never disagree. Raw statuses that make the same cell are counted together.
	 */
	static Map<String, Long> statusCells(Map<String, Long> statuses) {
		Map<String, Long> cells = new TreeMap<>();
		statuses.forEach((status, count) -> cells.merge(CsvCells.safe(status), count, Long::sum));
		return cells;
	}

	static String timestamp(Instant instant) {
		return CsvReports.rfc3339(instant);
	}

	private static BigDecimal seconds(Duration duration) {
		return BigDecimal.valueOf(duration.toMillis(), 3);
	}

}
