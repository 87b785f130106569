package dev.healthaudit.policy;

import org.jspecify.annotations.NullUnmarked;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read-only tool run against each account of a connection, and its input.
 * {@code params} is passed to the tool as written in the policy (nested maps and lists
 * allowed) and cannot be modified.
 */
@NullUnmarked
public record ProbeSettings(String tool, Map<String, Object> params) {

	public ProbeSettings {
		params = (params != null) ? deepCopy(params) : Map.of();
	}

	// Map.copyOf would lose the order the user wrote and reject the nulls YAML allows
	// (key: ~).
	private static Map<String, Object> deepCopy(Map<?, ?> source) {
		Map<String, Object> copy = new LinkedHashMap<>();
		source.forEach((key, value) -> copy.put(String.valueOf(key), deepCopyValue(value)));
		return Collections.unmodifiableMap(copy);
	}

	private static Object deepCopyValue(Object value) {
		if (value instanceof Map<?, ?> map) {
			return deepCopy(map);
		}
		if (value instanceof List<?> list) {
			List<Object> copy = new ArrayList<>(list.size());
			list.forEach((element) -> copy.add(deepCopyValue(element)));
			return Collections.unmodifiableList(copy);
		}
		return value;
	}

}
