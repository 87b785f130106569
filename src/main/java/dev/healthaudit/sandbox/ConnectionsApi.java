package dev.healthaudit.sandbox;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/v1/connections/app}: the environment's connections (wire reference
 * §3.6).
 */
final class ConnectionsApi {

	private final Map<SandboxConnection, String> connectionIds;

	private final Instant createdAt;

	ConnectionsApi(SandboxFleet fleet, Instant createdAt) {
		// Take the ids from the fleet so they match the accounts' connection_id; a
		// connection with no accounts in a
		// tiny fleet gets a stable made-up one.
		Map<SandboxConnection, String> fromFleet = fleet.accounts()
			.stream()
			.collect(Collectors.toMap(SandboxAccount::connection, SandboxAccount::connectionId, (a, b) -> a));
		this.connectionIds = Arrays.stream(SandboxConnection.values())
			.collect(Collectors.toMap(Function.identity(), (connection) -> fromFleet.getOrDefault(connection,
					"conn_" + (24834495392086100L + connection.ordinal()))));
		this.createdAt = createdAt;
	}

	ApiReply list(ApiRequest request) {
		QueryParams query = request.query();
		int pageSize = query.pageSize(30, true, 10);
		int offset = query.pageOffset();
		Optional<String> provider = query.string("provider", 50);
		List<SandboxConnection> matching = Arrays.stream(SandboxConnection.values())
			.filter((connection) -> provider.map(connection.provider()::equalsIgnoreCase).orElse(true))
			.toList();
		PageToken.Page page = PageToken.page(offset, pageSize, matching.size());
		ObjectNode reply = WireFormat.object();
		ArrayNode connections = reply.putArray("connections");
		for (SandboxConnection connection : matching.subList(page.from(), page.to())) {
			ObjectNode item = connections.addObject();
			item.put("id", this.connectionIds.get(connection));
			item.put("key_id", connection.connectionName());
			item.put("provider_key", connection.provider());
			item.put("type", "OAUTH");
			item.put("status", "COMPLETED");
			item.put("enabled", true);
			item.put("created_at", WireFormat.timestamp(this.createdAt));
		}
		reply.put("next_page_token", page.nextPageToken());
		reply.put("prev_page_token", page.prevPageToken());
		reply.put("total_size", matching.size());
		return ApiReply.ok(reply);
	}

}
