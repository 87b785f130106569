package dev.healthaudit.policy;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.NullUnmarked;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.Validation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Bean Validation of a bound policy, for Spring Boot's {@code ValidationBindHandler}.
 * Each violation becomes a problem of the file rather than an error of the binding, so
 * that binding goes on and one run reports every problem. A constraint's message is a
 * template: {@code {key}} is the key as written in the file, {@code {value}} an
 * {@link Excerpt} of the value, {@code {size}} the size of a list and {@code {duration}}
 * a duration in seconds or milliseconds. Of the violations of one key, a missing value
 * hides the others ("required" says it all), and a value that could not be read hides
 * them all.
 */
@NullUnmarked
final class PolicyValidator implements Validator {

	// No META-INF/validation.xml to look for: the constraints are all on the records.
	private static final jakarta.validation.Validator VALIDATOR = Validation.byDefaultProvider()
		.configure()
		.ignoreXmlConfiguration()
		.messageInterpolator(new TemplatesAsWritten())
		.buildValidatorFactory()
		.getValidator();

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{(key|value|size|duration)}");

	private static final Set<Class<? extends Annotation>> REQUIREMENTS = Set.of(NotNull.class, NotBlank.class,
			NotEmpty.class);

	private final PolicyDocument document;

	private final Problems problems;

	private final ToIntFunction<String> bindingOrder;

	private final List<Violation> found = new ArrayList<>();

	/**
	 * @param bindingOrder the position of a key in binding order, so that the violations
	 * of one line are reported in the order of the settings records
	 */
	PolicyValidator(PolicyDocument document, Problems problems, ToIntFunction<String> bindingOrder) {
		this.document = document;
		this.problems = problems;
		this.bindingOrder = bindingOrder;
	}

	@Override
	public boolean supports(Class<?> type) {
		// the whole policy at once, its sections through @Valid: then every violation is
		// found in one run
		return PolicyProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		collect("", target);
	}

	/**
	 * Validates {@code settings} found at {@code key} of the file, and reports the
	 * violations found so far.
	 */
	void validate(String key, Object settings) {
		collect(key, settings);
		report();
	}

	/** Adds the violations found so far to the problems of the file. */
	void report() {
		Set<String> missing = new HashSet<>();
		this.found.stream().filter(Violation::isRequirement).forEach((violation) -> missing.add(violation.key()));
		this.found.stream()
			.sorted(Comparator.comparingInt((Violation violation) -> this.bindingOrder.applyAsInt(violation.key()))
				.thenComparing(Violation::key))
			.filter((violation) -> violation.isRequirement() || !missing.contains(violation.key()))
			.filter((violation) -> !this.problems.isUnreadNear(violation.key()))
			.forEach((violation) -> this.problems.add(violation.key(),
					this.document.line(violation.isReportedAtSection() ? violation.section() : violation.key()),
					violation.message()));
		this.found.clear();
	}

	private void collect(String prefix, Object target) {
		for (ConstraintViolation<Object> violation : VALIDATOR.validate(target)) {
			this.found.add(new Violation(PolicyKeys.of(prefix, violation.getPropertyPath()),
					PolicyKeys.sectionOf(prefix, violation.getPropertyPath()), violation));
		}
	}

	private record Violation(String key, String section, ConstraintViolation<Object> violation) {

		boolean isRequirement() {
			return REQUIREMENTS.contains(this.violation.getConstraintDescriptor().getAnnotation().annotationType());
		}

		boolean isReportedAtSection() {
			return this.violation.getConstraintDescriptor().getPayload().contains(ReportedAtSection.class);
		}

		String message() {
			Matcher placeholder = PLACEHOLDER.matcher(this.violation.getMessageTemplate());
			StringBuilder message = new StringBuilder();
			while (placeholder.find()) {
				placeholder.appendReplacement(message, Matcher.quoteReplacement(fill(placeholder.group(1))));
			}
			return placeholder.appendTail(message).toString();
		}

		private String fill(String placeholder) {
			Object value = this.violation.getInvalidValue();
			return switch (placeholder) {
				case "key" -> this.key;
				case "value" -> Excerpt.quoted((value != null) ? String.valueOf(value) : null);
				case "size" -> (value instanceof Collection<?> collection) ? String.valueOf(collection.size()) : "";
				case "duration" -> (value instanceof Duration duration) ? shortly(duration) : "";
				default -> throw new IllegalArgumentException(placeholder);
			};
		}

		private static String shortly(Duration duration) {
			return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
		}

	}

	/**
	 * Leaves message templates as they are: {@link Violation#message()} fills them in,
	 * never with raw values.
	 */
	private static final class TemplatesAsWritten implements MessageInterpolator {

		@Override
		public String interpolate(String template, Context context) {
			return template;
		}

		@Override
		public String interpolate(String template, Context context, Locale locale) {
			return template;
		}

	}

}
