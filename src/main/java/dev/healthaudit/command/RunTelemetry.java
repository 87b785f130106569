package dev.healthaudit.command;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import dev.healthaudit.finding.Finding;
import dev.healthaudit.metrics.AuditMetrics;
import dev.healthaudit.metrics.PushgatewayPush;
import dev.healthaudit.notify.RunNotice;
import dev.healthaudit.notify.RunNotice.ConnectionIncident;
import dev.healthaudit.notify.RunNotice.Figures;
import dev.healthaudit.notify.RunNotice.Outcome;
import dev.healthaudit.notify.WebhookNotifier;
import dev.healthaudit.result.Stores;
import dev.healthaudit.result.RunCounts;
import dev.healthaudit.result.RunRecord;

/**
 * What the command tells the outside world about a run besides its reports: meters while
 * it runs, and at its end a push of them to a Pushgateway and a webhook notification,
 * each when configured. The end is best effort: nothing here changes a run's exit code.
 * One run per process, so it keeps the run's few facts as it learns them.
 */
@Component
@EnableConfigurationProperties({ MetricsProperties.class, NotifyProperties.class })
class RunTelemetry {

	private static final Logger logger = LoggerFactory.getLogger(RunTelemetry.class);

	private final AuditMetrics metrics;

	private final ObjectProvider<PrometheusMeterRegistry> prometheus;

	private final MetricsProperties metricsProperties;

	private final NotifyProperties notifyProperties;

	private final Stores stores;

	private final Clock clock;

	private Instant started;

	private String policy = "";

	private boolean sandbox;

	private Optional<RunRecord> run = Optional.empty();

	private Optional<Path> reports = Optional.empty();

	private Optional<String> failure = Optional.empty();

	RunTelemetry(MeterRegistry registry, ObjectProvider<PrometheusMeterRegistry> prometheus,
			MetricsProperties metricsProperties, NotifyProperties notifyProperties, Stores stores, Clock clock) {
		this.metrics = new AuditMetrics(registry);
		this.prometheus = prometheus;
		this.metricsProperties = metricsProperties;
		this.notifyProperties = notifyProperties;
		this.stores = stores;
		this.clock = clock;
		this.started = clock.instant();
	}

	/**
	 * The command starts: a malformed URL is invalid configuration, found before any API
	 * call.
	 */
	void begin() {
		this.started = this.clock.instant();
		pushgatewayUrl();
		webhookUrl();
	}

	AuditMetrics metrics() {
		return this.metrics;
	}

	void policy(String name, boolean sandbox) {
		this.policy = name;
		this.sandbox = sandbox;
	}

	void run(RunRecord run) {
		this.run = Optional.of(run);
		this.sandbox = run.sandbox();
	}

	void reportsAt(Path directory) {
		this.reports = Optional.of(directory.toAbsolutePath().normalize());
	}

	void failure(String message) {
		this.failure = Optional.of(message);
	}

	/**
	 * Records the duration, pushes the meters and notifies, as configured; never throws.
	 */
	void end(ExitCode code) {
		try {
			this.metrics.runEnded(Duration.between(this.started, this.clock.instant()), code.name());
			if (code == ExitCode.ALREADY_RUNNING) {
				// the run holding the policy pushes and notifies for it; this process did
				// nothing to tell
				return;
			}
			push();
			notify(code);
		}
		catch (RuntimeException ex) {
			logger.warn("could not report the end of the run to metrics or notifications: {}", ex.toString());
		}
	}

	private void push() {
		Optional<URI> url = pushgatewayUrl();
		if (url.isEmpty()) {
			return;
		}
		if (this.policy.isEmpty()) {
			logger.warn("not pushing metrics: the policy could not be read, so there is no grouping key");
			return;
		}
		PrometheusMeterRegistry registry = this.prometheus.getIfAvailable();
		if (registry == null) {
			logger.warn("not pushing metrics: no Prometheus meter registry (management.prometheus.metrics.export."
					+ "enabled=false?)");
			return;
		}
		new PushgatewayPush(url.get(), this.metricsProperties.timeout()).push(registry.getPrometheusRegistry(),
				this.policy);
	}

	private void notify(ExitCode code) {
		Optional<URI> url = webhookUrl();
		if (url.isEmpty()) {
			return;
		}
		if (code == ExitCode.COMPLETED && this.run.isPresent() && this.reports.isEmpty()) {
			// one shard of a sharded run that left the report to the last shard: that one
			// announces the run
			return;
		}
		new WebhookNotifier(url.get(), this.notifyProperties.format(), this.notifyProperties.timeout())
			.send(notice(code));
	}

	private RunNotice notice(ExitCode code) {
		Optional<String> runId = this.run.map(RunRecord::runId);
		Outcome outcome = outcome(code);
		if ((outcome == Outcome.COMPLETED || outcome == Outcome.FINDINGS || outcome == Outcome.ENVIRONMENT_INCIDENT)
				&& runId.isPresent() && this.reports.isPresent()) {
			return RunNotice.completed(outcome, this.policy, runId.get(), this.sandbox, figures(runId.get()),
					this.reports.get().toString());
		}
		return RunNotice.failed(outcome, this.policy, runId, this.sandbox,
				this.failure.orElse("the run ended with exit code " + code.code()));
	}

	private Figures figures(String runId) {
		Map<Finding, Long> health = this.stores.results().aggregates().health(runId);
		long accounts = 0;
		long healthy = 0;
		long userAction = 0;
		for (Map.Entry<Finding, Long> entry : health.entrySet()) {
			Finding finding = entry.getKey();
			accounts += entry.getValue();
			healthy += finding.isProblem() ? 0 : entry.getValue();
			userAction += finding.userMustAct() ? entry.getValue() : 0;
		}
		RunCounts counts = this.stores.results().aggregates().counts(runId);
		List<ConnectionIncident> incidents = counts.incidents()
			.stream()
			.map((incident) -> new ConnectionIncident(incident.connectionName(), incident.incident(),
					incident.accounts()))
			.toList();
		return new Figures(accounts, healthy, userAction, health.getOrDefault(Finding.INCONCLUSIVE, 0L), incidents,
				counts.environmentIncident()
					.map((incident) -> new RunNotice.EnvironmentIncident(incident.code(), incident.accounts(),
							incident.message())));
	}

	private static Outcome outcome(ExitCode code) {
		return switch (code) {
			case COMPLETED -> Outcome.COMPLETED;
			case FINDINGS -> Outcome.FINDINGS;
			case ENVIRONMENT_INCIDENT -> Outcome.ENVIRONMENT_INCIDENT;
			case INVALID -> Outcome.INVALID;
			case FAILED, ALREADY_RUNNING -> Outcome.FAILED;
		};
	}

	private Optional<URI> pushgatewayUrl() {
		if (!this.metricsProperties.pushes()) {
			return Optional.empty();
		}
		return Optional.of(httpUrl("audit.metrics.pushgateway-url", this.metricsProperties.pushgatewayUrl()));
	}

	private Optional<URI> webhookUrl() {
		if (!this.notifyProperties.notifies()) {
			return Optional.empty();
		}
		return Optional.of(httpUrl("audit.notify.webhook-url", this.notifyProperties.webhookUrl()));
	}

	/**
	 * The property's value as an http(s) URL with a host, or
	 * {@link IllegalArgumentException} naming the property. The message never quotes the
	 * value: a webhook URL is a secret.
	 */
	static URI httpUrl(String property, String value) {
		URI url;
		try {
			url = new URI(value.strip());
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException(property + " is not a valid URL (" + ex.getReason() + ")");
		}
		String scheme = (url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
			throw new IllegalArgumentException(property + " must be an http:// or https:// URL with a host");
		}
		return url;
	}

}
