package dev.healthaudit.policy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.NullUnmarked;

import org.springframework.boot.context.properties.source.ConfigurationProperty;

import dev.healthaudit.policy.CollectingBindHandler.DurationWithoutUnitException;
import dev.healthaudit.policy.CollectingBindHandler.Failure;
import dev.healthaudit.policy.EnvironmentPlaceholders.UnresolvablePlaceholderException;

/**
 * Puts what binding found wrong into words, each problem at the line of the value and
 * naming its key: a value that could not be converted (with what was expected instead), a
 * placeholder whose variable is not set, a key without a value, an unknown key. A
 * password is never shown.
 */
@NullUnmarked
final class BindingProblems {

	private final PolicyDocument document;

	private final Problems problems;

	BindingProblems(PolicyDocument document, Problems problems) {
		this.document = document;
		this.problems = problems;
	}

	void reportFailure(Failure failure) {
		String key = PolicyKeys.of(failure.name());
		Optional<Integer> line = (failure.property() != null) ? PolicyDocument.line(failure.property().getOrigin())
				: this.document.line(key);
		UnresolvablePlaceholderException placeholder = cause(failure.error(), UnresolvablePlaceholderException.class);
		if (placeholder != null) {
			this.problems.addUnread(key, line, placeholder.problemAt(key));
			return;
		}
		Object value = (failure.property() != null) ? failure.property().getValue() : null;
		if (isBlank(value)) {
			this.problems.addUnread(key, line, noValue(key));
			return;
		}
		String shown = (value == null) ? "" : " " + (isSecret(key) ? "'****'" : Excerpt.quoted(String.valueOf(value)));
		String expected = (cause(failure.error(), DurationWithoutUnitException.class) != null)
				? "a duration with a unit such as 500ms, 5s or 2m"
				: expected(failure.target().getType().resolve(Object.class));
		this.problems.addUnread(key, line, "invalid value" + shown + " for '" + key + "' (expected " + expected + ")");
	}

	// An empty value ("read-timeout:") binds to nothing, so Spring calls it unbound; it
	// is a known key, though.
	void reportUnbound(ConfigurationProperty property) {
		String key = PolicyKeys.of(property.getName());
		Optional<Integer> line = PolicyDocument.line(property.getOrigin());
		if (isBlank(property.getValue())) {
			this.problems.addUnread(key, line, noValue(key));
		}
		else {
			this.problems.add(key, line, "unknown key " + Excerpt.quoted(key));
		}
	}

	void reportNoValue(ConfigurationProperty property) {
		String key = PolicyKeys.of(property.getName());
		this.problems.addUnread(key, PolicyDocument.line(property.getOrigin()), noValue(key));
	}

	static boolean isBlank(Object value) {
		return value instanceof CharSequence text && text.toString().isBlank();
	}

	private static String noValue(String key) {
		return "'" + key + "' has no value (set one, or remove the key to use the default)";
	}

	private static boolean isSecret(String key) {
		return key.toLowerCase(Locale.ROOT).contains("password");
	}

	static String expected(Class<?> type) {
		if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
			return "an integer";
		}
		if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
			return "a number";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "true or false";
		}
		if (type == Duration.class) {
			return "a duration such as 500ms, 5s or 2m";
		}
		if (type == Path.class) {
			return "a file path";
		}
		if (type == FailOn.class) {
			return FailOn.EXPECTED;
		}
		if (type.isEnum()) {
			return "one of " + Arrays.stream(type.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
				.collect(Collectors.joining(", "));
		}
		if (Collection.class.isAssignableFrom(type)) {
			return "a list";
		}
		if (type == String.class) {
			return "text";
		}
		return "a mapping of keys to values";
	}

	private static <E extends Throwable> E cause(Throwable error, Class<E> type) {
		for (Throwable candidate = error; candidate != null; candidate = candidate.getCause()) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
		}
		return null;
	}

}
