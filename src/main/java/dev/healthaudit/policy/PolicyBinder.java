package dev.healthaudit.policy;

import java.beans.PropertyEditorSupport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.springframework.beans.PropertyEditorRegistry;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.origin.OriginTrackedValue;

import dev.healthaudit.policy.EnvironmentPlaceholders.UnresolvablePlaceholderException;

/**
 * Binds a {@link PolicyDocument} with Spring Boot's {@link Binder}: relaxed names, {@code @DefaultValue},
 * durations, lenient enums and {@code ${...}} placeholders, unknown keys refused. Failures are recorded in
 * {@link Problems} rather than thrown, so one run reports every mistake in the file.
 */
final class PolicyBinder {

	private static final String CONNECTIONS = "connections";

	private final PolicyDocument document;

	private final EnvironmentPlaceholders placeholders;

	private final Problems problems;

	private final Set<String> failedKeys = new HashSet<>();

	PolicyBinder(PolicyDocument document, EnvironmentPlaceholders placeholders, Problems problems) {
		this.document = document;
		this.placeholders = placeholders;
		this.problems = problems;
	}

	/** Keys that already have a binding problem, so that validation does not report them a second time. */
	Set<String> failedKeys() {
		return this.failedKeys;
	}

	/** Everything but {@code connections}. */
	PolicyProperties bindPolicy() {
		Map<String, Object> properties = new LinkedHashMap<>();
		this.document.properties().forEach((key, value) -> {
			if (!isUnder(key, CONNECTIONS)) {
				properties.put(key, value);
			}
		});
		return bind(properties, PolicyProperties.class, UnaryOperator.identity());
	}

	/**
	 * {@code connections}, keyed by the names exactly as written. Spring property names are lower-case and cannot
	 * hold {@code :} or spaces, which real connection names do, so the names come from the YAML tree and each
	 * connection's settings are bound on their own, relative to it. Connections whose entry is not a mapping, or
	 * whose name is invalid, are reported by {@link PolicyRules} and left out here.
	 */
	Map<String, ConnectionPolicy> bindConnections() {
		Map<String, ConnectionPolicy> connections = new LinkedHashMap<>();
		if (!(this.document.tree().get(CONNECTIONS) instanceof Map<?, ?> tree)) {
			return connections;
		}
		Map<String, String> prefixes = new LinkedHashMap<>();
		tree.keySet().forEach((key) -> prefixes.put(String.valueOf(key), CONNECTIONS + segment(key)));
		tree.forEach((key, entry) -> {
			String name = String.valueOf(key);
			if (entry == null || entry instanceof Map<?, ?>) {
				connections.put(name, bindConnection(name, prefixes, (Map<?, ?>) entry));
			}
		});
		return connections;
	}

	// Spring Boot's flattening writes non-string keys (a connection named 123) as an index: connections[123].
	private static String segment(Object key) {
		return (key instanceof CharSequence) ? "." + key : "[" + key + "]";
	}

	private ConnectionPolicy bindConnection(String name, Map<String, String> prefixes, Map<?, ?> tree) {
		String prefix = prefixes.get(name);
		Map<String, Object> properties = new LinkedHashMap<>();
		this.document.properties().forEach((key, value) -> {
			if (isUnder(key, prefix) && !key.equals(prefix) && longestPrefix(key, prefixes).equals(prefix)) {
				String relative = key.substring(prefix.length() + 1);
				// params are free-form: taken verbatim from the tree below, so the Binder neither sees nor refuses them.
				if (!isUnder(relative, "probe.params")) {
					properties.put(relative, value);
				}
			}
		});
		ConnectionProperties bound = bind(properties, ConnectionProperties.class, (key) -> prefix + "." + key);
		if (bound == null) {
			return new ConnectionPolicy(name, List.of(), null, ConnectionPolicy.DEFAULT_RATE_LIMIT);
		}
		ProbeSettings probe = (bound.probe() != null)
				? new ProbeSettings(bound.probe().tool(), params(prefix + ".probe.params", tree)) : null;
		return new ConnectionPolicy(name, bound.requiredScopes(), probe, bound.rateLimit());
	}

	// Names cannot be prefixes of one another in a valid policy, but a bad name ("a.b" next to "a") must not
	// steal the settings of a good one.
	private static String longestPrefix(String key, Map<String, String> prefixes) {
		return prefixes.values()
			.stream()
			.filter((prefix) -> isUnder(key, prefix))
			.max((a, b) -> Integer.compare(a.length(), b.length()))
			.orElse("");
	}

	private Map<String, Object> params(String key, Map<?, ?> connection) {
		Object params = (connection != null && connection.get("probe") instanceof Map<?, ?> probe)
				? probe.get("params") : null;
		if (params == null) {
			return Map.of();
		}
		if (!(params instanceof Map<?, ?> map)) {
			this.problems.add(key, "'" + key + "' must be a mapping of parameter names to values");
			return Map.of();
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> resolved = (Map<String, Object>) resolvePlaceholders(key, map);
		return resolved;
	}

	// The Binder resolves placeholders in everything it binds; params bypass it, so the same rule is applied here.
	private Object resolvePlaceholders(String key, Object value) {
		if (value instanceof String text) {
			try {
				return this.placeholders.resolve(text);
			}
			catch (UnresolvablePlaceholderException ex) {
				this.problems.add(key, unresolvable(ex, key));
				return text;
			}
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> resolved = new LinkedHashMap<>();
			map.forEach((name, child) -> resolved.put(String.valueOf(name),
					resolvePlaceholders(key + "." + name, child)));
			return resolved;
		}
		if (value instanceof List<?> list) {
			List<Object> resolved = new ArrayList<>();
			for (int i = 0; i < list.size(); i++) {
				resolved.add(resolvePlaceholders(key + "[" + i + "]", list.get(i)));
			}
			return resolved;
		}
		return value;
	}

	private static boolean isUnder(String key, String prefix) {
		return key.equals(prefix) || key.startsWith(prefix + ".") || key.startsWith(prefix + "[");
	}

	/**
	 * Binds {@code properties} at the root to {@code type}. {@code displayKey} turns a name relative to those
	 * properties into the key as the user sees it in the file.
	 */
	private <T> T bind(Map<String, Object> properties, Class<T> type, UnaryOperator<String> displayKey) {
		// Boot tracks an empty {} as a value of its own; it holds no setting, and as a value it could not bind.
		properties.values().removeIf((value) -> value instanceof OriginTrackedValue tracked
				&& tracked.getValue() instanceof Map<?, ?> map && map.isEmpty());
		Binder binder = new Binder(
				ConfigurationPropertySources.from(new OriginTrackedMapPropertySource("policy", properties)),
				this.placeholders, ApplicationConversionService.getSharedInstance(), PolicyBinder::registerEditors);
		CollectingBindHandler handler = new CollectingBindHandler();
		T bound = binder.bindOrCreate(ConfigurationPropertyName.EMPTY, Bindable.of(type), handler);
		handler.failures.forEach((failure) -> reportFailure(failure, displayKey));
		handler.unbound.stream()
			.filter((property) -> !handler.failedOrBelow(property.getName()))
			.forEach((property) -> reportUnbound(property, displayKey));
		return bound;
	}

	// An empty value ("read-timeout:") binds to nothing, so Spring calls it unbound; it is a known key, though.
	private void reportUnbound(ConfigurationProperty property, UnaryOperator<String> displayKey) {
		String key = displayKey.apply(property.getName().toString());
		this.failedKeys.add(key);
		boolean empty = property.getValue() instanceof CharSequence text && text.toString().isBlank();
		this.problems.add(PolicyDocument.line(property.getOrigin()), empty
				? "'" + key + "' has no value (set one, or remove the key to use the default)"
				: "unknown key " + Excerpt.quoted(key));
	}

	// Spring's own Path editor resolves relative paths against the classpath and fails when the file does not
	// exist yet; a policy path is a plain file path, relative to the working directory.
	private static void registerEditors(PropertyEditorRegistry registry) {
		registry.registerCustomEditor(Path.class, new PropertyEditorSupport() {

			@Override
			public void setAsText(String text) {
				setValue(Path.of(text));
			}

		});
	}

	private void reportFailure(Failure failure, UnaryOperator<String> displayKey) {
		String key = displayKey.apply(failure.name().toString());
		this.failedKeys.add(key);
		Optional<Integer> line = (failure.property() != null) ? PolicyDocument.line(failure.property().getOrigin())
				: this.document.line(key);
		UnresolvablePlaceholderException placeholder = cause(failure.error(), UnresolvablePlaceholderException.class);
		if (placeholder != null) {
			this.problems.add(line, unresolvable(placeholder, key));
			return;
		}
		Object value = (failure.property() != null) ? failure.property().getValue() : null;
		if (value instanceof CharSequence text && text.toString().isBlank()) {
			this.problems.add(line, "'" + key + "' has no value (set one, or remove the key to use the default)");
			return;
		}
		String shown = (value == null) ? "" : " " + (isSecret(key) ? "'****'" : Excerpt.quoted(String.valueOf(value)));
		this.problems.add(line, "invalid value" + shown + " for '" + key + "' (expected "
				+ expected(failure.target().getType().resolve(Object.class)) + ")");
	}

	private static String unresolvable(UnresolvablePlaceholderException ex, String key) {
		return "unresolvable placeholder '${" + ex.placeholder() + "}' in '" + key + "' (environment variable "
				+ ex.placeholder() + " is not set)";
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

	private record Failure(ConfigurationPropertyName name, Bindable<?> target, ConfigurationProperty property,
			Exception error) {

	}

	/**
	 * Records failures instead of throwing them (binding goes on with the default or {@code null}), and records
	 * unknown keys at the end instead of throwing, so that one run reports every problem.
	 */
	private static final class CollectingBindHandler extends NoUnboundElementsBindHandler {

		private final List<Failure> failures = new ArrayList<>();

		private final List<ConfigurationProperty> unbound = new ArrayList<>();

		CollectingBindHandler() {
			super(BindHandler.DEFAULT);
		}

		@Override
		public Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
				Exception error) throws Exception {
			if (error instanceof UnboundConfigurationPropertiesException) {
				throw error;
			}
			this.failures.add(new Failure(name, target, context.getConfigurationProperty(), error));
			return null;
		}

		@Override
		public void onFinish(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result)
				throws Exception {
			try {
				super.onFinish(name, target, context, result);
			}
			catch (UnboundConfigurationPropertiesException ex) {
				this.unbound.addAll(ex.getUnboundProperties());
			}
		}

		// A value that failed to convert was never bound, but it is not unknown: report it once, as invalid.
		boolean failedOrBelow(ConfigurationPropertyName name) {
			return this.failures.stream()
				.anyMatch((failure) -> failure.name().equals(name) || failure.name().isAncestorOf(name));
		}

	}

}
