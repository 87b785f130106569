package dev.healthaudit.policy;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.NullUnmarked;

import dev.healthaudit.finding.Finding;

/**
 * A validated audit policy, loaded from a YAML file by {@link PolicyLoader}.
 * {@code digest} (SHA-256 of the file's bytes) lets a report and a resumed run prove
 * which policy they used; {@code file} is the path as given. {@code connections} keeps
 * the order of the file; an empty {@code failOn} means the exit code never reports
 * findings.
 */
@NullUnmarked
public record AuditPolicy(String name, String digest, String file, SourceSettings source, ScalekitSettings scalekit,
		int concurrency, RetrySettings retry, RemediationSettings remediation,
		Map<String, ConnectionPolicy> connections, Optional<Finding> failOn, Set<String> allowedWriteTools,
		AccessReviewSettings accessReview) {

	public AuditPolicy {
		connections = (connections != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(connections)) : Map.of();
		failOn = (failOn != null) ? failOn : Optional.empty();
		allowedWriteTools = (allowedWriteTools != null)
				? Collections.unmodifiableSet(new LinkedHashSet<>(allowedWriteTools)) : Set.of();
		accessReview = (accessReview != null) ? accessReview : AccessReviewSettings.defaults();
	}

	/**
	 * This policy reading its accounts from {@code csv} instead of its own source
	 * ({@code --input=}).
	 */
	public AuditPolicy withCsvSource(Path csv) {
		return new AuditPolicy(this.name, this.digest, this.file, new SourceSettings.Csv(csv), this.scalekit,
				this.concurrency, this.retry, this.remediation, this.connections, this.failOn, this.allowedWriteTools,
				this.accessReview);
	}

	/**
	 * The policy for the connection named exactly {@code name}, if the policy covers it.
	 */
	public Optional<ConnectionPolicy> connection(String name) {
		return Optional.ofNullable(this.connections.get(name));
	}

}
