package dev.healthaudit.sandbox;

import java.time.Instant;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** One decoded request as the route handlers see it. */
record ApiRequest(String method, String path, QueryParams query, String body, String contentType, Instant now) {

	private static final JsonMapper JSON = JsonMapper.shared();

	/**
	 * The JSON body of a {@code body: "*"} route. An empty body is an empty message, as
	 * grpc-gateway decodes it; anything that is not a JSON object is a 400.
	 */
	ObjectNode jsonObject() {
		if (this.body.isBlank()) {
			return WireFormat.object();
		}
		JsonNode node;
		try {
			node = JSON.readTree(this.body);
		}
		catch (JacksonException ex) {
			throw ApiErrors.badRequest("invalid JSON body: " + ex.getOriginalMessage());
		}
		if (!(node instanceof ObjectNode object)) {
			throw ApiErrors.badRequest("request body must be a JSON object");
		}
		return object;
	}

	/**
	 * A string field of a JSON body by proto name, or its lowerCamelCase form as
	 * protojson also accepts.
	 */
	static String text(JsonNode body, String name, String camelName) {
		JsonNode value = body.has(name) ? body.get(name) : body.path(camelName);
		if (value.isMissingNode() || value.isNull()) {
			return "";
		}
		if (!value.isString()) {
			throw ApiErrors.badRequest("invalid value for string field " + name + ": " + value);
		}
		return value.stringValue();
	}

}
