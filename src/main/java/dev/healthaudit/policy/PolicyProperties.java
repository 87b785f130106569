package dev.healthaudit.policy;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.Range;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A policy file as bound by the {@code Binder} and checked by Bean Validation, before it
 * becomes an {@link AuditPolicy}. {@code S} is the settings record of the source's type
 * (see {@link SourceType}). The policy name ends up in file names (reports, locks), so it
 * is kept to portable file-name characters. Messages are templates: {@code {key}} is the
 * key as written in the file, {@code {value}} the value refused (see
 * {@link PolicyValidator}).
 */
record PolicyProperties<S extends SourceSettings>(
		@NotBlank(message = "'{key}' is required (it names the run and its report files)") @Pattern(
				regexp = "[A-Za-z0-9._-]{1,64}",
				message = "invalid value {value} for '{key}' (expected 1 to 64 letters, digits, '.', '_' or '-'; "
						+ "it is used in file names)") String name,
		@NotNull(message = "'{key}' is required (type csv, scalekit or jdbc)") @Valid S source,
		@DefaultValue @Valid ScalekitSettings scalekit,
		@DefaultValue("8") @Range(min = 1, max = 512,
				message = "invalid value {value} for '{key}' (expected 1 to 512)") int concurrency,
		@DefaultValue @Valid RetrySettings retry, @DefaultValue RemediationSettings remediation,
		@DefaultValue Map<String, @Valid ConnectionProperties> connections, @DefaultValue("none") FailOn failOn,
		@DefaultValue List<@NotBlank(message = "'{key}' is empty") String> allowedWriteTools,
		@DefaultValue @Valid AccessReviewSettings accessReview) {

	/** These properties with another source. */
	PolicyProperties<SourceSettings> withSource(SourceSettings source) {
		return new PolicyProperties<>(this.name, source, this.scalekit, this.concurrency, this.retry, this.remediation,
				this.connections, this.failOn, this.allowedWriteTools, this.accessReview);
	}

}
