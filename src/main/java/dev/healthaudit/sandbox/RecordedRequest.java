package dev.healthaudit.sandbox;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One request as the sandbox received it, for tests that assert what a client sent. The
 * query is percent-decoded (form rules: {@code +} is a space, as in the real gateway);
 * headers are not kept because they carry the bearer token.
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> query, String body) {

	public RecordedRequest {
		query = Map.copyOf(query);
	}

	/** The first value of a query parameter, or null. */
	public @Nullable String queryParam(String name) {
		List<String> values = this.query.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

}
