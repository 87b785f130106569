package dev.healthaudit.policy;

import java.beans.PropertyEditorSupport;
import java.nio.file.Path;
import java.util.List;

import org.springframework.beans.PropertyEditorRegistry;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.GenericConversionService;

/**
 * Binds a {@link PolicyDocument} to {@link PolicyProperties} in one pass of Spring Boot's
 * {@link Binder}: relaxed names, {@code @DefaultValue}, durations, lenient enums and
 * {@code ${...}} placeholders, unknown keys refused, and Bean Validation through
 * {@link ValidationBindHandler}. Everything found wrong is recorded in {@link Problems}
 * rather than thrown, so that one run reports every mistake in the file.
 */
final class PolicyBinder {

	/** Conversions of the policy's own types, tried after Spring Boot's. */
	private static final ConversionService POLICY_CONVERSIONS = policyConversions();

	private final Problems problems;

	private final BindingProblems bindingProblems;

	private final ConfigurationPropertySource properties;

	private final Binder binder;

	private final CollectingBindHandler collector = new CollectingBindHandler();

	private final PolicyValidator validator;

	private final SourceSection source;

	PolicyBinder(PolicyDocument document, EnvironmentPlaceholders placeholders, Problems problems) {
		this.problems = problems;
		this.bindingProblems = new BindingProblems(document, problems);
		this.properties = ConfigurationPropertySource
			.from(new OriginTrackedMapPropertySource("policy", document.bindingProperties()));
		this.binder = new Binder(List.of(this.properties), placeholders,
				List.of(ApplicationConversionService.getSharedInstance(), POLICY_CONVERSIONS),
				PolicyBinder::registerEditors, null, null);
		this.validator = new PolicyValidator(document, problems, this.collector::bindingOrder);
		this.source = new SourceSection(document, this.properties, this.binder, problems, this.bindingProblems);
	}

	/**
	 * The validator of this policy, for settings that come from elsewhere than binding.
	 */
	PolicyValidator validator() {
		return this.validator;
	}

	/** The policy, bound and validated; whatever is wrong with it is in the problems. */
	PolicyProperties<?> bind() {
		PolicyProperties<?> policy = this.binder.bindOrCreate(ConfigurationPropertyName.EMPTY, this.source.policyType(),
				this.source.withDefaults(new ValidationBindHandler(this.collector, this.validator)));
		// Problems sorts by line; within a line, problems keep this order.
		this.source.reportUnreadType();
		this.collector.failures().forEach(this.bindingProblems::reportFailure);
		this.collector.unbound()
			.stream()
			.filter((property) -> !this.source.takes(property))
			.forEach(this.bindingProblems::reportUnbound);
		this.source.reportMissingType();
		this.validator.report();
		this.source.reportSettingsOfOtherTypes();
		return policy;
	}

	private static ConversionService policyConversions() {
		GenericConversionService conversions = new GenericConversionService();
		conversions.addConverter(Object.class, FailOn.class, FailOn::of);
		return conversions;
	}

	// Spring's own Path editor resolves relative paths against the classpath and fails
	// when the file does not
	// exist yet; a policy path is a plain file path, relative to the working directory.
	private static void registerEditors(PropertyEditorRegistry registry) {
		registry.registerCustomEditor(Path.class, new PropertyEditorSupport() {

			@Override
			public void setAsText(String text) {
				setValue(Path.of(text));
			}

		});
	}

}
