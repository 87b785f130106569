package dev.healthaudit.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /oauth/token}, client-credentials only. Errors use the OAuth 2 body, not
 * google.rpc.Status: this route is not behind grpc-gateway.
 */
final class TokenEndpoint {

	private final AccessTokens tokens;

	private final String clientId;

	private final String clientSecret;

	TokenEndpoint(AccessTokens tokens, String clientId, String clientSecret) {
		this.tokens = tokens;
		this.clientId = clientId;
		this.clientSecret = clientSecret;
	}

	ApiReply issue(ApiRequest request) {
		String contentType = (request.contentType() != null) ? request.contentType() : "";
		if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
			return error(400, "invalid_request", "content type must be application/x-www-form-urlencoded");
		}
		QueryParams form = QueryParams.parse(request.body());
		String grantType = form.first("grant_type").orElse("");
		if (grantType.isEmpty()) {
			return error(400, "invalid_request", "grant_type is required");
		}
		if (!grantType.equals("client_credentials")) {
			return error(400, "unsupported_grant_type", "only client_credentials is supported");
		}
		if (!matches(form.first("client_id").orElse(""), this.clientId)
				|| !matches(form.first("client_secret").orElse(""), this.clientSecret)) {
			return error(401, "invalid_client", "client authentication failed");
		}
		ObjectNode body = WireFormat.object();
		body.put("access_token", this.tokens.issue());
		body.put("token_type", "Bearer");
		body.put("expires_in", this.tokens.lifetimeSeconds());
		body.put("scope", "openid");
		return new ApiReply(200, body, Map.of("Cache-Control", "no-store"));
	}

	private static boolean matches(String given, String expected) {
		return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
	}

	private static ApiReply error(int status, String error, String description) {
		ObjectNode body = WireFormat.object();
		body.put("error", error);
		body.put("error_description", description);
		return new ApiReply(status, body, Map.of("Cache-Control", "no-store"));
	}

}
