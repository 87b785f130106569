package dev.healthaudit.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** A response about to be written: HTTP status, JSON body and extra headers. */
record ApiReply(int status, JsonNode body, Map<String, String> headers) {

	ApiReply {
		headers = Map.copyOf(headers);
	}

	static ApiReply ok(JsonNode body) {
		return new ApiReply(200, body, Map.of());
	}

	ApiReply withHeader(String name, String value) {
		Map<String, String> copy = new LinkedHashMap<>(this.headers);
		copy.put(name, value);
		return new ApiReply(this.status, this.body, copy);
	}

}
