package dev.healthaudit.policy;

import org.jspecify.annotations.NullUnmarked;

import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;

/**
 * Keys as messages show them: as written in the file, dashed, with list indexes in
 * brackets and a connection's name after a dot, as written
 * ({@code connections.Google Mail:prod.rate-limit}), although it binds as a map key in
 * brackets.
 */
@NullUnmarked
final class PolicyKeys {

	private PolicyKeys() {
	}

	/** The key of a name the {@code Binder} reports. */
	static String of(ConfigurationPropertyName name) {
		// below connections, the second element is always a connection's name
		// (PolicyDocument writes them so)
		if (name.getNumberOfElements() < 2 || !name.getElement(0, Form.ORIGINAL).equals(PolicyDocument.CONNECTIONS)) {
			return name.toString();
		}
		String connection = PolicyDocument.CONNECTIONS + "." + name.getElement(1, Form.ORIGINAL);
		return (name.getNumberOfElements() == 2) ? connection : connection + "." + name.subName(2);
	}

	/**
	 * The key of a property Bean Validation reports, below {@code prefix} (empty for the
	 * policy itself).
	 */
	static String of(String prefix, Path path) {
		return of(prefix, path, false);
	}

	/** The key of the section that holds the property Bean Validation reports. */
	static String sectionOf(String prefix, Path path) {
		return of(prefix, path, true);
	}

	private static String of(String prefix, Path path, boolean section) {
		StringBuilder key = new StringBuilder(prefix);
		int sectionLength = key.length();
		for (Path.Node node : path) {
			// the key or index of an element belongs to the container named before it
			if (node.getKey() != null) {
				key.append('.').append(node.getKey());
			}
			else if (node.getIndex() != null) {
				key.append('[').append(node.getIndex()).append(']');
			}
			if (node.getKind() == ElementKind.PROPERTY) {
				sectionLength = key.length();
				key.append(key.isEmpty() ? "" : ".").append(DataObjectPropertyName.toDashedForm(node.getName()));
			}
		}
		return section ? key.substring(0, sectionLength) : key.toString();
	}

}
