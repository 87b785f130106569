package dev.healthaudit.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.NullUnmarked;

import dev.healthaudit.policy.EnvironmentPlaceholders.UnresolvablePlaceholderException;

/**
 * The entries under {@code connections} as written in the file. Their names and shape are
 * checked on the YAML tree, since an entry that is not a mapping never reaches the
 * {@code Binder}; their settings come from the {@code Binder}, and their probe params
 * from the tree, verbatim, with {@code ${...}} placeholders resolved as the
 * {@code Binder} resolves them elsewhere.
 */
@NullUnmarked
final class ConnectionEntries {

	private static final Pattern NAME = Pattern.compile(ConnectionPolicy.NAME_PATTERN);

	private final PolicyDocument document;

	private final EnvironmentPlaceholders placeholders;

	private final Problems problems;

	ConnectionEntries(PolicyDocument document, EnvironmentPlaceholders placeholders, Problems problems) {
		this.document = document;
		this.placeholders = placeholders;
		this.problems = problems;
	}

	/**
	 * The connections of the file in file order, from the settings {@code bound} by name.
	 * An entry of which nothing could be bound has the default settings, validated like
	 * any others (they lack a probe).
	 */
	Map<String, ConnectionPolicy> read(Map<String, ConnectionProperties> bound, PolicyValidator validator) {
		Map<String, ConnectionPolicy> connections = new LinkedHashMap<>();
		Object tree = this.document.plain(PolicyDocument.CONNECTIONS);
		if (tree != null && !(tree instanceof Map<?, ?>)) {
			this.problems.add(PolicyDocument.CONNECTIONS,
					"'connections' must be a mapping of connection names to their settings");
			return connections;
		}
		if (tree == null || ((Map<?, ?>) tree).isEmpty()) {
			this.problems.add(PolicyDocument.CONNECTIONS, "'connections' is required: at least one connection with its "
					+ "probe (connections.<name>.probe.tool)");
			return connections;
		}
		((Map<?, ?>) tree).forEach((key, entry) -> {
			String name = String.valueOf(key);
			read(name, entry, bound.get(name), validator).ifPresent((connection) -> connections.put(name, connection));
		});
		return connections;
	}

	/**
	 * One entry: its name and shape checked, its {@code settings} as bound (null if
	 * none), its params read.
	 */
	private Optional<ConnectionPolicy> read(String name, Object entry, ConnectionProperties settings,
			PolicyValidator validator) {
		String key = PolicyDocument.CONNECTIONS + "." + name;
		if (!NAME.matcher(name).matches()) {
			this.problems.add(key, "invalid connection name " + Excerpt.quoted(name) + " under 'connections' "
					+ ConnectionPolicy.NAME_RULE);
		}
		if (entry != null && !(entry instanceof Map<?, ?>)) {
			this.problems.add(key, "'" + key + "' must be a mapping with probe, required-scopes and rate-limit");
			return Optional.empty();
		}
		if (entry instanceof Map<?, ?> map && !map.isEmpty() && !PolicyDocument.isBindableName(name)) {
			return Optional.empty(); // its settings could not be bound; its name is
										// reported
		}
		Map<String, Object> params = params(key + ".probe.params", (Map<?, ?>) entry);
		if (settings == null) {
			validator.validate(key, PolicyDefaults.of(ConnectionProperties.class));
			return Optional.empty();
		}
		ProbeSettings probe = (settings.probe() != null) ? new ProbeSettings(settings.probe().tool(), params) : null;
		return Optional.of(new ConnectionPolicy(name, settings.requiredScopes(), probe, settings.rateLimit()));
	}

	private Map<String, Object> params(String key, Map<?, ?> connection) {
		Object params = (connection != null && connection.get("probe") instanceof Map<?, ?> probe) ? probe.get("params")
				: null;
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

	private Object resolvePlaceholders(String key, Object value) {
		if (value instanceof String text) {
			try {
				return this.placeholders.resolve(text);
			}
			catch (UnresolvablePlaceholderException ex) {
				this.problems.add(key, ex.problemAt(key));
				return text;
			}
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> resolved = new LinkedHashMap<>();
			map.forEach(
					(name, child) -> resolved.put(String.valueOf(name), resolvePlaceholders(key + "." + name, child)));
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

}
