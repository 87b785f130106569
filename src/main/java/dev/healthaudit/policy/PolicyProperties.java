package dev.healthaudit.policy;

import java.util.List;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The policy's top level as bound by the {@code Binder}, before validation. {@code connections} is bound one
 * connection at a time (see {@link PolicyBinder}) and {@code fail-on} is parsed by hand to accept {@code none}.
 */
record PolicyProperties(String name, SourceSettings source, @DefaultValue ScalekitSettings scalekit,
		@DefaultValue("8") int concurrency, @DefaultValue RetrySettings retry,
		@DefaultValue RemediationSettings remediation, String failOn, @DefaultValue List<String> allowedWriteTools,
		@DefaultValue AccessReviewSettings accessReview) {

}
