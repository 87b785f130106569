package dev.healthaudit.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/v1/execute_tool} and the tools discovery routes (wire reference
 * §3.5-3.6).
 */
final class ToolsApi {

	static final String TOOL_OR_ACCOUNT_NOT_FOUND = "Tool or connected account not found";

	private final AccountDirectory accounts;

	private final ToolCatalogue catalogue;

	private final Duration slowProbeDelay;

	ToolsApi(AccountDirectory accounts, ToolCatalogue catalogue, Duration slowProbeDelay) {
		this.accounts = accounts;
		this.catalogue = catalogue;
		this.slowProbeDelay = slowProbeDelay;
	}

	ApiReply execute(ApiRequest request) {
		ObjectNode body = request.jsonObject();
		String toolName = ApiRequest.text(body, "tool_name", "toolName");
		if (toolName.isEmpty()) {
			throw ApiErrors.invalidArgument("tool_name", "value is required", "required");
		}
		JsonNode params = body.path("params");
		if (!params.isMissingNode() && !params.isNull() && !params.isObject()) {
			throw ApiErrors.badRequest("invalid value for struct field params: must be a JSON object");
		}
		AccountState state = this.accounts.resolve(ApiRequest.text(body, "connected_account_id", "connectedAccountId"),
				ApiRequest.text(body, "connector", "connector"), ApiRequest.text(body, "identifier", "identifier"),
				TOOL_OR_ACCOUNT_NOT_FOUND);
		if (!state.account().connection().tools().contains(toolName)) {
			throw ApiErrors.notFound(TOOL_OR_ACCOUNT_NOT_FOUND);
		}
		int call = state.beginToolCall(request.now());
		String executionId = UUID.randomUUID().toString();
		ToolBehaviour.Outcome outcome = ToolBehaviour.outcome(state.account(), call, toolName);
		if (outcome instanceof ToolBehaviour.Outcome.Failed failed) {
			ApiReply reply = ApiErrors.toolError(failed.providerStatus(), executionId, failed.message(),
					failed.toolErrorCode());
			return failed.retryAfter() ? reply.withHeader("Retry-After", "1") : reply;
		}
		if (outcome instanceof ToolBehaviour.Outcome.Slow slow) {
			sleep(this.slowProbeDelay);
			return succeeded(slow.data(), executionId);
		}
		return succeeded(((ToolBehaviour.Outcome.Succeeded) outcome).data(), executionId);
	}

	ApiReply listTools(ApiRequest request) {
		QueryParams query = request.query();
		int pageSize = query.pageSize(100, false, 10);
		int offset = query.pageOffset();
		boolean summary = query.first("filter.summary").map(Boolean::parseBoolean).orElse(false);
		Optional<String> provider = query.string("filter.provider", 50);
		Optional<String> identifier = query.first("filter.identifier");
		Optional<String> connector = query.first("filter.connector");
		Optional<String> accountId = query.first("filter.connected_account_id");
		List<String> toolNames = query.all("filter.tool_name");
		Optional<String> text = query.first("filter.query");
		if (text.isPresent() && (text.get().length() < 3 || text.get().length() > 100)) {
			throw ApiErrors.invalidArgument("filter.query", "value length must be between 3 and 100 characters",
					"string.len");
		}
		Predicate<ToolCatalogue.Entry> filter = (entry) -> provider.map(entry.connection().provider()::equalsIgnoreCase)
			.orElse(true);
		filter = filter.and((entry) -> connector.map(entry.connection().connectionName()::equals).orElse(true));
		filter = filter.and((entry) -> toolNames.isEmpty() || toolNames.contains(entry.name()));
		filter = filter.and(
				(entry) -> identifier
					.map((value) -> this.accounts.withIdentifier(value)
						.stream()
						.anyMatch((state) -> state.account().connection() == entry.connection()))
					.orElse(true));
		filter = filter.and(
				(entry) -> accountId
					.map((id) -> this.accounts.findById(id)
						.filter((state) -> state.account().connection() == entry.connection())
						.isPresent())
					.orElse(true));
		filter = filter.and((entry) -> text.map((value) -> containsIgnoringCase(entry, value)).orElse(true));
		List<ToolCatalogue.Entry> matching = this.catalogue.all().stream().filter(filter).toList();
		PageToken.Page page = PageToken.page(offset, pageSize, matching.size());
		ObjectNode reply = WireFormat.object();
		if (summary) {
			ArrayNode names = reply.putArray("tool_names");
			matching.subList(page.from(), page.to()).forEach((entry) -> names.add(entry.name()));
		}
		else {
			ArrayNode tools = reply.putArray("tools");
			matching.subList(page.from(), page.to()).forEach((entry) -> tools.add(this.catalogue.toJson(entry)));
		}
		return paged(reply, page, matching.size());
	}

	ApiReply listScopedTools(ApiRequest request) {
		QueryParams query = request.query();
		String identifier = requiredIdentifier(query);
		int pageSize = query.pageSize(100, false, 10);
		int offset = query.pageOffset();
		List<String> providers = query.all("filter.providers");
		List<String> toolNames = query.all("filter.tool_names");
		List<String> connectionNames = query.all("filter.connection_names");
		record Scoped(AccountState state, ToolCatalogue.Entry entry) {
		}
		List<Scoped> matching = this.accounts.withIdentifier(identifier)
			.stream()
			.filter((state) -> connectionNames.isEmpty() || connectionNames.contains(state.account().connector()))
			.filter((state) -> providers.isEmpty()
					|| providers.stream().anyMatch(state.account().provider()::equalsIgnoreCase))
			.flatMap((state) -> this.catalogue.all()
				.stream()
				.filter((entry) -> entry.connection() == state.account().connection())
				.filter((entry) -> toolNames.isEmpty() || toolNames.contains(entry.name()))
				.map((entry) -> new Scoped(state, entry)))
			.toList();
		PageToken.Page page = PageToken.page(offset, pageSize, matching.size());
		ObjectNode reply = WireFormat.object();
		ArrayNode tools = reply.putArray("tools");
		for (Scoped scoped : matching.subList(page.from(), page.to())) {
			ObjectNode item = tools.addObject();
			item.set("tool", this.catalogue.toJson(scoped.entry()));
			item.put("identifier", identifier);
			item.put("connected_account_id", scoped.state().account().id());
		}
		return paged(reply, page, matching.size());
	}

	ApiReply listAvailableTools(ApiRequest request) {
		QueryParams query = request.query();
		String identifier = requiredIdentifier(query);
		int pageSize = query.pageSize(100, false, 10);
		int offset = query.pageOffset();
		List<AccountState> owned = this.accounts.withIdentifier(identifier);
		if (owned.isEmpty()) {
			throw ApiErrors.notFound("Identifier not found");
		}
		List<ToolCatalogue.Entry> matching = this.catalogue.all()
			.stream()
			.filter((entry) -> owned.stream()
				.anyMatch((state) -> state.account().connection() == entry.connection()
						&& state.snapshot().status() == ConnectorStatus.ACTIVE))
			.toList();
		PageToken.Page page = PageToken.page(offset, pageSize, matching.size());
		ObjectNode reply = WireFormat.object();
		ArrayNode tools = reply.putArray("tools");
		matching.subList(page.from(), page.to()).forEach((entry) -> tools.add(this.catalogue.toJson(entry)));
		return paged(reply, page, matching.size());
	}

	private static String requiredIdentifier(QueryParams query) {
		return query.string("identifier", 100)
			.orElseThrow(() -> ApiErrors.invalidArgument("identifier", "value is required", "required"));
	}

	private static boolean containsIgnoringCase(ToolCatalogue.Entry entry, String text) {
		String lowered = text.toLowerCase(Locale.ROOT);
		return entry.name().contains(lowered) || entry.description().toLowerCase(Locale.ROOT).contains(lowered);
	}

	private static ApiReply paged(ObjectNode reply, PageToken.Page page, int total) {
		reply.put("next_page_token", page.nextPageToken());
		reply.put("prev_page_token", page.prevPageToken());
		reply.put("total_size", total);
		return ApiReply.ok(reply);
	}

	private static ApiReply succeeded(ObjectNode data, String executionId) {
		ObjectNode reply = WireFormat.object();
		reply.set("data", data);
		reply.put("execution_id", executionId);
		return ApiReply.ok(reply);
	}

	private static void sleep(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while simulating a slow provider", ex);
		}
	}

}
