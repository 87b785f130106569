package dev.healthaudit.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

/** What an injected {@link Fault} looks like on the wire. */
final class FaultReplies {

	private static final int UNAVAILABLE = 14;

	private FaultReplies() {
	}

	/** The answer a gateway fault gives instead of the API's. */
	static ApiReply gateway(Fault fault) {
		return switch (fault) {
			case RATE_LIMITED -> ApiErrors.rateLimited().reply();
			case RATE_LIMITED_NO_RETRY_AFTER ->
				ApiErrors.status(ApiErrors.RESOURCE_EXHAUSTED, "rate limit exceeded, retry later", "RATE_LIMITED");
			case UNAVAILABLE -> ApiErrors.status(UNAVAILABLE,
					"upstream connect error or disconnect/reset before headers", "UNAVAILABLE");
			// written as plain text by bytes(); the body here is never serialised
			case BAD_GATEWAY -> new ApiReply(502, null, Map.of());
			default -> throw new IllegalArgumentException("not a gateway fault: " + fault);
		};
	}

	/**
	 * {@code /oauth/token} during an outage: 503 in the OAuth error shape its other
	 * errors use.
	 */
	static ApiReply tokenEndpointDown() {
		tools.jackson.databind.node.ObjectNode body = WireFormat.object();
		body.put("error", "temporarily_unavailable");
		body.put("error_description", "the token service is unavailable");
		return new ApiReply(503, body, Map.of("Cache-Control", "no-store"));
	}

	/** The bytes to send for {@code reply}, spoiled as {@code fault} asks. */
	static Bytes bytes(ApiReply reply, Optional<Fault> fault, JsonMapper json) {
		Fault applied = fault.orElse(null);
		if (applied == Fault.BAD_GATEWAY || reply.body() == null) {
			// a load balancer's page: the only reply without a JSON body is the 502 of
			// gateway(BAD_GATEWAY)
			return new Bytes(502, "text/plain; charset=utf-8", "502 Bad Gateway\n".getBytes(StandardCharsets.UTF_8));
		}
		if (applied == Fault.NOT_JSON) {
			return new Bytes(200, "text/html; charset=utf-8",
					"<!DOCTYPE html><html><body><h1>Network sign-in required</h1></body></html>"
						.getBytes(StandardCharsets.UTF_8));
		}
		byte[] body = json.writeValueAsBytes(reply.body());
		if (applied == Fault.TRUNCATED_JSON) {
			// a consistent Content-Length, so the client sees a complete HTTP answer
			// whose JSON just stops
			return new Bytes(reply.status(), "application/json", Arrays.copyOf(body, body.length / 2));
		}
		return new Bytes(reply.status(), "application/json", body);
	}

	record Bytes(int status, String contentType, byte[] body) {
	}

}
