package dev.healthaudit.command;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.healthaudit.support.FakeHttpReceiver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One small sandbox run with everything an operator turns on in a cluster: JSON logs, a
 * Pushgateway and a Slack webhook (which answers 500, so the run must shrug it off).
 */
class ObservabilityIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	static Path work;

	static FakeHttpReceiver gateway;

	static FakeHttpReceiver webhook;

	static AuditApp.Result run;

	static JsonNode summary;

	@BeforeAll
	static void auditWithMetricsNotificationsAndJsonLogs() {
		gateway = FakeHttpReceiver.start();
		webhook = FakeHttpReceiver.start().answering(500);
		run = AuditApp.run("--sandbox", "--reports-dir=" + work.resolve("reports"),
				"--audit.data-dir=" + work.resolve("data"), "--audit.sandbox.accounts=40",
				"--audit.sandbox.slow-probe-delay=10ms", "--audit.progress-interval=200ms",
				"--audit.metrics.pushgateway-url=" + gateway.url(""),
				"--audit.notify.webhook-url=" + webhook.url("/services/T0000/B0000/webhook-secret"),
				"--logging.structured.format.console=ecs",
				// retries are logged at DEBUG by the worker threads: lines that must
				// carry the run id too
				"--logging.level.dev.healthaudit.ratelimit=DEBUG");
		summary = JSON.readTree(work.resolve("reports/latest/summary.json").toFile());
	}

	@AfterAll
	static void stopServers() {
		gateway.close();
		webhook.close();
	}

	@Test
	void aFailingWebhookDoesNotChangeTheExitCode() {
		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(webhook.requests()).hasSize(1);
		assertThat(run.output()).contains("notification webhook at 127.0.0.1 answered HTTP 500")
			.doesNotContain("webhook-secret");
	}

	@Test
	void metricsArePushedOnceUnderTheJobAndPolicy() {
		assertThat(gateway.requests()).singleElement().satisfies((push) -> {
			assertThat(push.method()).isEqualTo("PUT");
			assertThat(push.path()).isEqualTo("/metrics/job/account_health_audit/policy/sandbox");
		});
		String body = gateway.requests().get(0).body();
		assertThat(sum(body, "audit_accounts_total")).isEqualTo(auditsPerformed());
		assertThat(sum(body, "audit_api_calls_total")).isEqualTo(sumOf(summary.get("api").get("calls")));
		assertThat(sum(body, "audit_retries_total")).isEqualTo(summary.get("api").get("retries").asDouble());
		assertThat(body).contains("audit_accounts_total{connection=\"gmail\",health=\"HEALTHY\"")
			.contains("audit_api_calls_total{route=\"POST /oauth/token\",status=\"200\"} 1")
			.contains("audit_ratelimit_wait_seconds_total{budget=\"scalekit\"}")
			.contains("audit_ratelimit_wait_seconds_total{budget=\"gmail\"}")
			.contains("audit_run_duration_seconds_count{outcome=\"completed\"} 1");
		// Spring Batch's own observations, on the job and on both steps
		assertThat(body)
			.containsPattern("spring_batch_job_seconds_count\\{[^}]*spring_batch_job_status=\"COMPLETED\"[^}]*} 1")
			.containsPattern("spring_batch_step_seconds_count\\{[^}]*spring_batch_step_name=\"audit\"")
			.containsPattern("spring_batch_step_seconds_count\\{[^}]*spring_batch_step_name=\"report\"")
			.contains("spring_batch_item_process_seconds_count");
	}

	@Test
	void summaryJsonHasTheMeterValues() {
		JsonNode metrics = summary.get("metrics");
		double accounts = 0;
		for (Map.Entry<String, JsonNode> meter : metrics.properties()) {
			if (meter.getKey().startsWith("audit.accounts{")) {
				accounts += meter.getValue().asDouble();
			}
		}
		assertThat(accounts).isEqualTo(auditsPerformed());
		assertThat(metrics.get("audit.retries").asLong()).isEqualTo(summary.get("api").get("retries").asLong());
		assertThat(metrics.get("audit.api.calls{route=POST /oauth/token,status=200}").asDouble()).isEqualTo(1.0);
		assertThat(metrics.properties())
			.anySatisfy((meter) -> assertThat(meter.getKey()).startsWith("spring.batch.step.count{")
				.contains("spring.batch.step.name=audit"));
	}

	@Test
	void theSlackMessageHasTheHeadlineFiguresAndNoLinkOrSecret() throws IOException {
		JsonNode message = JSON.readTree(webhook.requests().get(0).body());
		String text = message.get("text").asString();
		assertThat(text).startsWith("Account health audit sandbox completed [SANDBOX]: "
				+ summary.get("accounts").asLong() + " accounts, ");
		assertThat(message.get("blocks").toString()).contains("Needing user action")
			.contains("Inconclusive")
			.contains(summary.get("run_id").asString());
		String body = webhook.requests().get(0).body();
		List<String> links = new ArrayList<>();
		try (Reader reader = Files.newBufferedReader(work.resolve("reports/latest/reauth-campaign.csv"))) {
			for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().get().parse(reader)) {
				if (!row.get("authorization_link").isEmpty()) {
					links.add(row.get("authorization_link"));
				}
			}
		}
		assertThat(links).isNotEmpty();
		links.forEach((link) -> assertThat(body).doesNotContain(link));
		assertThat(body).doesNotContain("https://").doesNotContain("token").doesNotContain("secret");
	}

	@Test
	void everyLineOfTheRunIsOneJsonEventWithTheRunId() {
		String runId = summary.get("run_id").asString();
		List<JsonNode> events = new ArrayList<>();
		for (String line : run.output().split("\\R")) {
			if (!line.isBlank()) {
				// throws when a line is not JSON: one event per line, nothing else on
				// stdout/stderr
				events.add(JSON.readTree(line));
			}
		}
		int first = 0;
		while (first < events.size() && !events.get(first).has("runId")) {
			first++;
		}
		List<JsonNode> ofTheRun = events.subList(first, events.size());
		assertThat(ofTheRun).hasSizeGreaterThan(3)
			.allSatisfy((event) -> assertThat(event.has("runId") ? event.get("runId").asString() : null)
				.as(event.toString())
				.isEqualTo(runId));
		assertThat(ofTheRun).extracting((event) -> event.get("process").get("thread").get("name").asString())
			.anySatisfy((thread) -> assertThat(thread).startsWith("audit-"))
			.contains("progress", "main");
		assertThat(ofTheRun).extracting((event) -> event.get("message").asString())
			.anySatisfy((message) -> assertThat(message).startsWith("Reports: "));
	}

	/**
	 * The meter counts audits performed: an input pair listed twice is audited before the
	 * store recognises the duplicate and rejects it, so it counts once more than
	 * {@code accounts}.
	 */
	private static double auditsPerformed() {
		try {
			long duplicates = Files.readAllLines(work.resolve("reports/latest/rejects.csv"), StandardCharsets.UTF_8)
				.stream()
				.filter((line) -> line.contains(",duplicate of line "))
				.count();
			assertThat(duplicates).isPositive();
			return summary.get("accounts").asDouble() + duplicates;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Adds up every sample of a counter in the Prometheus text format. */
	private static double sum(String exposition, String metric) {
		Matcher samples = Pattern.compile("(?m)^" + Pattern.quote(metric) + "(\\{[^}]*})? (\\S+)$").matcher(exposition);
		double total = 0;
		while (samples.find()) {
			total += Double.parseDouble(samples.group(2));
		}
		return total;
	}

	private static double sumOf(JsonNode counts) {
		double total = 0;
		for (JsonNode count : counts) {
			total += count.asDouble();
		}
		return total;
	}

}
