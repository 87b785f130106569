package dev.healthaudit.scalekit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;

/**
 * One request of the client, before it is sent: the route, the connection it concerns
 * (for the rate budgets), its query parameters (in order, each value percent-encoded when
 * sent) and its body (a payload record sent as JSON, or a form).
 *
 * @param body the payload, or null for a GET
 * @param contentType how the body is sent, or null for a GET
 */
record ScalekitRequest(Route route, String connector, Map<String, List<String>> query, Object body,
		MediaType contentType) {

	ScalekitRequest {
		query = copy(query);
	}

	static ScalekitRequest get(Route route, String connector) {
		return new ScalekitRequest(route, connector, Map.of(), null, null);
	}

	static ScalekitRequest postJson(Route route, String connector, Object body) {
		return new ScalekitRequest(route, connector, Map.of(), body, MediaType.APPLICATION_JSON);
	}

	static ScalekitRequest postForm(Route route, MultiValueMap<String, String> form) {
		return new ScalekitRequest(route, "", Map.of(), form, MediaType.APPLICATION_FORM_URLENCODED);
	}

	/** This request with the query parameter {@code name=value} added. */
	ScalekitRequest query(String name, String value) {
		return query(name, List.of(value));
	}

	/**
	 * This request with one query parameter {@code name} per value added (none when
	 * {@code values} is empty).
	 */
	ScalekitRequest query(String name, List<String> values) {
		Map<String, List<String>> query = new LinkedHashMap<>(this.query);
		List<String> all = new ArrayList<>(query.getOrDefault(name, List.of()));
		all.addAll(values);
		if (!all.isEmpty()) {
			query.put(name, all);
		}
		return new ScalekitRequest(this.route, this.connector, query, this.body, this.contentType);
	}

	/**
	 * What the request asks, for the rate budgets
	 * ({@link CallListener.Ending#request()}): equal for the same request sent again; 0
	 * for token requests, which ask nothing of an account.
	 */
	int key() {
		return (this.route == Route.TOKEN) ? 0 : Objects.hash(this.route, this.query, this.body);
	}

	@Override
	public String toString() {
		// a form carries the client secret
		return "ScalekitRequest[" + this.route.label() + ", connector=" + this.connector + "]";
	}

	private static Map<String, List<String>> copy(Map<String, List<String>> parameters) {
		Map<String, List<String>> copy = new LinkedHashMap<>();
		parameters.forEach((name, values) -> copy.put(name, List.copyOf(values)));
		return Collections.unmodifiableMap(copy);
	}

}
