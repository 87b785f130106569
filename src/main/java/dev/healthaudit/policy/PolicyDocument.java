package dev.healthaudit.policy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.UnicodeReader;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * One policy file read twice: by Spring Boot's YAML loader into flattened, origin-tracked properties (what the
 * {@code Binder} consumes, and where line numbers come from), and by SnakeYAML into a plain tree. The tree is
 * needed because flattening loses what Spring property names cannot express: connection names as written
 * (upper case, {@code :} and spaces) and free-form probe params (keys such as {@code user_id} or {@code maxResults}
 * would be mangled by relaxed binding, and numbers would turn into strings).
 */
final class PolicyDocument {

	private final String file;

	private final Map<String, Object> tree;

	private final Map<String, Object> properties;

	private PolicyDocument(String file, Map<String, Object> tree, Map<String, Object> properties) {
		this.file = file;
		this.tree = tree;
		this.properties = properties;
	}

	static PolicyDocument parse(String file, byte[] bytes) {
		Map<String, Object> tree = parseTree(file, bytes);
		Map<String, Object> properties = flatten(file, bytes);
		return new PolicyDocument(file, tree, properties);
	}

	String file() {
		return this.file;
	}

	/** The document as plain maps, lists and scalars, keys in file order. */
	Map<String, Object> tree() {
		return this.tree;
	}

	/** Flattened keys ({@code connections.gmail.required-scopes[0]}) to {@link OriginTrackedValue}s. */
	Map<String, Object> properties() {
		return this.properties;
	}

	/** The 1-based line of {@code key}, or of the first key below it, when the file has it. */
	Optional<Integer> line(String key) {
		Object exact = this.properties.get(key);
		if (exact != null) {
			return line(exact);
		}
		return this.properties.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith(key + ".") || entry.getKey().startsWith(key + "["))
			.findFirst()
			.flatMap((entry) -> line(entry.getValue()));
	}

	private static Optional<Integer> line(Object value) {
		return (value instanceof OriginTrackedValue tracked) ? line(tracked.getOrigin()) : Optional.empty();
	}

	static Optional<Integer> line(Origin origin) {
		// Bounded walk: origins wrap each other (property source -> text resource), never deeply.
		for (int depth = 0; origin != null && depth < 8; depth++) {
			if (origin instanceof TextResourceOrigin text && text.getLocation() != null) {
				return Optional.of(text.getLocation().getLine() + 1);
			}
			origin = (origin instanceof PropertySourceOrigin source && source.getOrigin() != null) ? source.getOrigin()
					: origin.getParent();
		}
		return Optional.empty();
	}

	private static Map<String, Object> parseTree(String file, byte[] bytes) {
		List<Object> documents = new ArrayList<>();
		try {
			Yaml yaml = yaml();
			for (Object document : yaml.loadAll(new UnicodeReader(new ByteArrayInputStream(bytes)))) {
				if (document != null) {
					documents.add(document);
				}
			}
		}
		catch (MarkedYAMLException ex) {
			Mark mark = (ex.getProblemMark() != null) ? ex.getProblemMark() : ex.getContextMark();
			String where = (mark != null) ? " line " + (mark.getLine() + 1) : "";
			throw new InvalidPolicyException(file, file + where + ": not valid YAML: " + ex.getProblem(), ex);
		}
		catch (YAMLException ex) {
			throw new InvalidPolicyException(file, file + ": not valid YAML: " + ex.getMessage(), ex);
		}
		if (documents.isEmpty()) {
			throw new InvalidPolicyException(file, List.of(file + ": the policy file is empty"));
		}
		if (documents.size() > 1) {
			throw new InvalidPolicyException(file, List.of(file + ": a policy is one YAML document, found "
					+ documents.size() + " (remove the '---' separators)"));
		}
		if (!(documents.get(0) instanceof Map<?, ?> root)) {
			throw new InvalidPolicyException(file,
					List.of(file + ": a policy is a mapping of keys (name, source, connections, ...) to values"));
		}
		Map<String, Object> tree = new LinkedHashMap<>();
		root.forEach((key, value) -> tree.put(String.valueOf(key), value));
		return Collections.unmodifiableMap(tree);
	}

	// Duplicate keys are refused: YAML would silently keep the last one, hiding a copy-paste mistake.
	// Timestamps stay strings, as in Spring Boot's own loader: a probe param "2024-01-01" must reach the tool as written.
	private static Yaml yaml() {
		LoaderOptions loaderOptions = new LoaderOptions();
		loaderOptions.setAllowDuplicateKeys(false);
		DumperOptions dumperOptions = new DumperOptions();
		return new Yaml(new SafeConstructor(loaderOptions), new Representer(dumperOptions), dumperOptions,
				loaderOptions, new NoTimestampResolver());
	}

	private static Map<String, Object> flatten(String file, byte[] bytes) {
		try {
			List<PropertySource<?>> sources = new YamlPropertySourceLoader().load(file,
					new ByteArrayResource(bytes, file));
			if (sources.isEmpty() || !(sources.get(0) instanceof OriginTrackedMapPropertySource source)) {
				return Map.of();
			}
			return Collections.unmodifiableMap(new LinkedHashMap<>(source.getSource()));
		}
		catch (IOException | RuntimeException ex) {
			// SnakeYAML accepted the file above, so this is unexpected; still a policy problem, not a crash.
			throw new InvalidPolicyException(file, file + ": cannot read the policy: " + ex.getMessage(), ex);
		}
	}

	private static final class NoTimestampResolver extends Resolver {

		@Override
		public void addImplicitResolver(Tag tag, Pattern regexp, String first, int limit) {
			if (tag != Tag.TIMESTAMP) {
				super.addImplicitResolver(tag, regexp, first, limit);
			}
		}

	}

}
