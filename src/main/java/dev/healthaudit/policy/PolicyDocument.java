package dev.healthaudit.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.NullUnmarked;

import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.TextResourceOrigin;

/**
 * One policy file, parsed once. Every value keeps the place it was written at, so the
 * document serves both as flattened, origin-tracked properties for the {@code Binder}
 * (flattened as Spring Boot flattens YAML) and as a plain tree for what property names
 * cannot express: connection names as written and free-form probe params.
 */
@NullUnmarked
final class PolicyDocument {

	static final String CONNECTIONS = "connections";

	private final String file;

	private final Map<?, ?> root;

	private final Map<String, Integer> lines = new LinkedHashMap<>();

	private PolicyDocument(String file, Map<?, ?> root) {
		this.file = file;
		this.root = root;
		flattenForDisplay().forEach((key, leaf) -> {
			if (leaf instanceof PolicyYaml.Leaf located) {
				this.lines.putIfAbsent(key, located.line());
			}
		});
	}

	static PolicyDocument parse(String file, byte[] bytes) {
		return new PolicyDocument(file, PolicyYaml.parse(file, bytes));
	}

	String file() {
		return this.file;
	}

	/**
	 * The 1-based line of {@code key} ({@code connections.<name>.rate-limit}), or of the
	 * first key below it.
	 */
	Optional<Integer> line(String key) {
		Integer exact = this.lines.get(key);
		if (exact != null) {
			return Optional.of(exact);
		}
		return this.lines.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith(key + ".") || entry.getKey().startsWith(key + "["))
			.findFirst()
			.map(Map.Entry::getValue);
	}

	static Optional<Integer> line(Origin origin) {
		// Bounded walk: origins wrap each other (property source -> text resource), never
		// deeply.
		for (int depth = 0; origin != null && depth < 8; depth++) {
			if (origin instanceof TextResourceOrigin text && text.getLocation() != null) {
				return Optional.of(text.getLocation().getLine() + 1);
			}
			origin = (origin instanceof PropertySourceOrigin source && source.getOrigin() != null) ? source.getOrigin()
					: origin.getParent();
		}
		return Optional.empty();
	}

	/**
	 * The value of a top-level key as plain maps, lists and scalars (keys in file order),
	 * or null.
	 */
	Object plain(String key) {
		return plainValue(this.root.get(key));
	}

	/**
	 * The properties the {@code Binder} reads, each an {@link OriginTrackedValue}.
	 * Connection names are written in brackets
	 * ({@code connections[Google Mail:prod].rate-limit}) so that they bind as map keys
	 * exactly as written. Left out: probe params, which are free-form (relaxed binding
	 * would mangle {@code user_id} or {@code maxResults} and turn numbers into strings),
	 * a {@code connections} or connection that is not a mapping (reported by the loader
	 * from the tree), and a connection whose name brackets cannot hold (an invalid name
	 * anyway).
	 */
	Map<String, Object> bindingProperties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		this.root.forEach((key, value) -> {
			if (!CONNECTIONS.equals(plainValue(key))) {
				flatten(segment(key), value, properties);
			}
		});
		if (this.root.get(CONNECTIONS) instanceof Map<?, ?> connections) {
			connections.forEach((name, entry) -> {
				String prefix = CONNECTIONS + "[" + plainValue(name) + "]";
				if (entry instanceof Map<?, ?> && isBindableName(String.valueOf(plainValue(name)))) {
					Map<String, Object> settings = new LinkedHashMap<>();
					flatten(prefix, entry, settings);
					settings.keySet().removeIf((key) -> isUnder(key, prefix + ".probe.params"));
					properties.putAll(settings);
				}
			});
		}
		properties.replaceAll((key, value) -> (value instanceof PolicyYaml.Leaf leaf) ? leaf.tracked() : value);
		return properties;
	}

	/**
	 * Whether the settings of a connection of this name can be bound (see
	 * {@link #bindingProperties()}).
	 */
	static boolean isBindableName(String name) {
		return !name.isEmpty() && name.indexOf('[') < 0 && name.indexOf(']') < 0;
	}

	static boolean isUnder(String key, String prefix) {
		return key.equals(prefix) || key.startsWith(prefix + ".") || key.startsWith(prefix + "[");
	}

	// As Spring Boot flattens, but with connection names after a dot, as the messages
	// show them.
	private Map<String, Object> flattenForDisplay() {
		Map<String, Object> flat = new LinkedHashMap<>();
		this.root.forEach((key, value) -> {
			if (CONNECTIONS.equals(plainValue(key)) && value instanceof Map<?, ?> connections) {
				connections.forEach((name, entry) -> flatten(CONNECTIONS + "." + plainValue(name), entry, flat));
			}
			else {
				flatten(segment(key), value, flat);
			}
		});
		return flat;
	}

	// Spring Boot's rules: nested keys joined with '.', list elements as [i], a key that
	// is not text as [key], an
	// empty mapping as nothing at all.
	private static void flatten(String key, Object value, Map<String, Object> into) {
		if (value instanceof Map<?, ?> map) {
			map.forEach((name, child) -> {
				String segment = segment(name);
				flatten(key.isEmpty() ? segment : key + (segment.startsWith("[") ? "" : ".") + segment, child, into);
			});
		}
		else if (value instanceof Collection<?> collection) {
			int index = 0;
			for (Object element : collection) {
				flatten(key + "[" + index++ + "]", element, into);
			}
		}
		else {
			into.put(key, value);
		}
	}

	private static String segment(Object key) {
		Object plain = plainValue(key);
		return (plain instanceof CharSequence text) ? text.toString() : "[" + plain + "]";
	}

	private static Object plainValue(Object value) {
		if (value instanceof PolicyYaml.Leaf leaf) {
			return leaf.value();
		}
		if (value instanceof Map<?, ?> map) {
			Map<Object, Object> plain = new LinkedHashMap<>();
			map.forEach((key, child) -> plain.put(plainValue(key), plainValue(child)));
			return plain;
		}
		if (value instanceof Collection<?> collection) {
			List<Object> plain = new ArrayList<>(collection.size());
			collection.forEach((element) -> plain.add(plainValue(element)));
			return plain;
		}
		return value;
	}

}
