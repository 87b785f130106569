package dev.healthaudit.sandbox;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON the gateway emits for accounts: proto field names (snake_case), enum names,
 * RFC 3339 UTC timestamps.
 */
final class WireFormat {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private WireFormat() {
	}

	static ObjectNode object() {
		return NODES.objectNode();
	}

	static String timestamp(Instant instant) {
		return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
	}

	/** A {@code ConnectedAccountForList}: no authorization details and no api_config. */
	static ObjectNode listItem(AccountState.Snapshot snapshot) {
		SandboxAccount account = snapshot.account();
		ObjectNode node = NODES.objectNode();
		node.put("id", account.id());
		node.put("identifier", account.identifier());
		node.put("provider", account.provider());
		node.put("connector", account.connector());
		node.put("connection_id", account.connectionId());
		node.put("status", snapshot.status().name());
		node.put("authorization_type", "OAUTH");
		putTimestamp(node, "token_expires_at", snapshot.tokenExpiresAt());
		putTimestamp(node, "updated_at", snapshot.updatedAt());
		putTimestamp(node, "last_used_at", snapshot.lastUsedAt());
		return node;
	}

	/**
	 * A full {@code ConnectedAccount}. With {@code credentials} false (the
	 * {@code /details} route) the scopes stay but the tokens are left out.
	 */
	static ObjectNode account(AccountState.Snapshot snapshot, boolean credentials) {
		ObjectNode node = listItem(snapshot);
		ObjectNode oauth = node.putObject("authorization_details").putObject("oauth_token");
		if (credentials) {
			oauth.put("access_token", snapshot.accessToken());
			oauth.put("refresh_token", snapshot.refreshToken());
		}
		ArrayNode scopes = oauth.putArray("scopes");
		snapshot.account().scopes().forEach(scopes::add);
		oauth.put("domain", "");
		node.putObject("api_config");
		return node;
	}

	private static void putTimestamp(ObjectNode node, String field, @Nullable Instant instant) {
		if (instant != null) {
			node.put(field, timestamp(instant));
		}
	}

}
