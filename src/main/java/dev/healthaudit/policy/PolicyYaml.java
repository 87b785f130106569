package dev.healthaudit.policy;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.NullUnmarked;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.UnicodeReader;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.boot.origin.TextResourceOrigin.Location;

/**
 * Reads the YAML of a policy file, once, as SnakeYAML's safe constructor reads it, except
 * that each value written (a scalar, or an empty list) comes as a {@link Leaf} that knows
 * where it was written: what Spring Boot's own YAML loader tracks, so that the values
 * bind as if Boot had loaded them.
 */
@NullUnmarked
final class PolicyYaml {

	private PolicyYaml() {
	}

	/**
	 * The policy's root mapping: plain maps and lists, keys as written, {@link Leaf}
	 * values.
	 */
	static Map<?, ?> parse(String file, byte[] bytes) {
		List<Object> documents = new ArrayList<>();
		try {
			for (Object document : yaml().loadAll(new UnicodeReader(new ByteArrayInputStream(bytes)))) {
				if (document != null && !(document instanceof Leaf leaf && leaf.value() == null)) {
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
		return Collections.unmodifiableMap(root);
	}

	// Duplicate keys are refused: YAML would silently keep the last one, hiding a
	// copy-paste mistake.
	// Timestamps stay strings, as in Spring Boot's own loader: a probe param "2024-01-01"
	// must reach the tool as
	// written.
	private static Yaml yaml() {
		LoaderOptions loaderOptions = new LoaderOptions();
		loaderOptions.setAllowDuplicateKeys(false);
		DumperOptions dumperOptions = new DumperOptions();
		return new Yaml(new LocatingConstructor(loaderOptions), new Representer(dumperOptions), dumperOptions,
				loaderOptions, new NoTimestampResolver());
	}

	/**
	 * A scalar as written (null for {@code ~} or nothing), or an empty list, with where
	 * it starts in the file. Spring Boot's own YAML loader tracks exactly these.
	 */
	record Leaf(Object value, int zeroBasedLine, int column) {

		int line() {
			return this.zeroBasedLine + 1;
		}

		// Boot's conventions: no value and an empty list are both an empty string.
		Object tracked() {
			Object shown = (this.value == null || this.value instanceof Collection<?>) ? "" : this.value;
			return OriginTrackedValue.of(shown,
					new TextResourceOrigin(null, new Location(this.zeroBasedLine, this.column)));
		}

	}

	/**
	 * Constructs as {@link SafeConstructor} does, wrapping each scalar value (not key) in
	 * a {@link Leaf}.
	 */
	private static final class LocatingConstructor extends SafeConstructor {

		LocatingConstructor(LoaderOptions loaderOptions) {
			super(loaderOptions);
		}

		@Override
		protected Object constructObject(Node node) {
			if (node instanceof SequenceNode sequence && sequence.getValue().isEmpty()) {
				return leaf(node, List.of());
			}
			if (node instanceof ScalarNode && !(node instanceof KeyNode)) {
				return leaf(node, super.constructObject(node));
			}
			if (node instanceof MappingNode mapping) {
				mapping.setValue(new ArrayList<>(mapping.getValue().stream().map(KeyNode::of).toList()));
			}
			return super.constructObject(node);
		}

		private static Leaf leaf(Node node, Object value) {
			return new Leaf(value, node.getStartMark().getLine(), node.getStartMark().getColumn());
		}

	}

	/**
	 * A mapping key: constructed as a plain value, since keys are not values of the
	 * policy.
	 */
	private static final class KeyNode extends ScalarNode {

		private KeyNode(ScalarNode node) {
			super(node.getTag(), node.getValue(), node.getStartMark(), node.getEndMark(), node.getScalarStyle());
		}

		static NodeTuple of(NodeTuple tuple) {
			Node key = tuple.getKeyNode();
			return (key instanceof ScalarNode scalar && !(key instanceof KeyNode))
					? new NodeTuple(new KeyNode(scalar), tuple.getValueNode()) : tuple;
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
