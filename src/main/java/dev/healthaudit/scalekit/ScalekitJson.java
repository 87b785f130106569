package dev.healthaudit.scalekit;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The JSON of the Scalekit payload records, read as tolerantly as the API reference
 * advises: unknown fields are ignored, and a value of an unexpected shape (an object
 * where a text or a list was expected, a text where an object was) counts as absent
 * instead of failing the whole answer. Texts take any scalar (a number arrives as its
 * digits). What must hold is that an answer is one JSON object and nothing after it,
 * well-formed within Jackson's limits on nesting and number length.
 */
final class ScalekitJson {

	private final JsonMapper mapper = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		// read() checks itself that nothing follows the object, so that it can say so
		.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.withCoercionConfigDefaults(
				(config) -> config.setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull))
		.addModule(new SimpleModule("scalekit-text").addDeserializer(String.class, new ScalarText()))
		.addHandler(new UnexpectedShapeAsAbsent())
		.build();

	/** The mapper, also for writing request bodies. */
	JsonMapper mapper() {
		return this.mapper;
	}

	/**
	 * Reads an answer into a payload record.
	 * @throws NotAnObjectException when the body is well-formed but not one JSON object
	 * @throws JacksonException when the body is not well-formed JSON
	 */
	<T> T read(byte[] body, Class<T> type) {
		try (JsonParser parser = this.mapper.createParser(body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new NotAnObjectException();
			}
			T value = this.mapper.readValue(parser, type);
			if (parser.nextToken() != null) {
				throw new NotAnObjectException();
			}
			return value;
		}
	}

	/** An answer that is valid JSON but not one object. */
	static final class NotAnObjectException extends RuntimeException {

		NotAnObjectException() {
			super("not a JSON object", null, false, false);
		}

	}

	/**
	 * A text field: any scalar as its text; an object or array is skipped and counts as
	 * absent.
	 */
	private static final class ScalarText extends ValueDeserializer<String> {

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) {
			if (parser.currentToken().isScalarValue()) {
				return parser.getValueAsString();
			}
			parser.skipChildren();
			return null;
		}

	}

	/**
	 * A list or record given a value of another shape: the value is skipped and counts as
	 * absent.
	 */
	private static final class UnexpectedShapeAsAbsent extends DeserializationProblemHandler {

		@Override
		public Object handleUnexpectedToken(DeserializationContext context, JavaType targetType, JsonToken token,
				JsonParser parser, String failureMessage) {
			parser.skipChildren();
			return null;
		}

		@Override
		public Object handleMissingInstantiator(DeserializationContext context, Class<?> instanceClass,
				ValueInstantiator instantiator, JsonParser parser, String message) {
			parser.skipChildren();
			return null;
		}

	}

}
