package dev.healthaudit.sandbox;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The {@code /api/v1/connected_accounts*} routes (wire reference §3.1-3.3). */
final class ConnectedAccountsApi {

	static final String ACCOUNT_NOT_FOUND = "connected account not found";

	/**
	 * The real link TTL is not documented; clients must read {@code expiry}, so any short
	 * value is honest.
	 */
	static final Duration MAGIC_LINK_LIFETIME = Duration.ofMinutes(15);

	private static final Pattern VERIFY_URL = Pattern.compile("^$|^https?://.*");

	private final AccountDirectory accounts;

	private final SecureRandom random = new SecureRandom();

	ConnectedAccountsApi(AccountDirectory accounts) {
		this.accounts = accounts;
	}

	ApiReply list(ApiRequest request) {
		QueryParams query = request.query();
		int pageSize = query.pageSize(100, false, 10);
		int offset = query.pageOffset();
		Optional<String> organizationId = query.string("organization_id", 32);
		Optional<String> userId = query.string("user_id", 32);
		Optional<String> connector = query.connector("connector");
		List<String> connectionNames = connectionNames(query);
		if (connector.isPresent() && !connectionNames.isEmpty()) {
			throw ApiErrors.invalidArgument("connection_names",
					"connector and connection_names cannot be used together", "connector_xor_connection_names");
		}
		Optional<String> identifier = query.string("identifier", 100);
		Optional<String> provider = query.string("provider", 50);
		Optional<String> text = query.string("query", 100).map((value) -> value.toLowerCase(Locale.ROOT));
		// Sandbox accounts belong to no organization or Scalekit user, so those filters
		// match nothing.
		Predicate<SandboxAccount> filter = (account) -> organizationId.isEmpty() && userId.isEmpty();
		filter = filter.and((account) -> connector.map(account.connector()::equals).orElse(true));
		filter = filter.and((account) -> connectionNames.isEmpty() || connectionNames.contains(account.connector()));
		filter = filter.and((account) -> identifier.map(account.identifier()::equals).orElse(true));
		filter = filter.and((account) -> provider.map(account.provider()::equalsIgnoreCase).orElse(true));
		filter = filter.and((account) -> text.map((value) -> matchesText(account, value)).orElse(true));
		return page(filter, offset, pageSize);
	}

	ApiReply search(ApiRequest request) {
		QueryParams query = request.query();
		String text = query.first("query").orElse("");
		if (text.length() < 3) {
			throw ApiErrors.invalidArgument("query", "value length must be at least 3 characters", "string.min_len");
		}
		if (text.length() > 200) {
			throw ApiErrors.invalidArgument("query", "value length must be at most 200 characters", "string.max_len");
		}
		int pageSize = query.pageSize(30, true, 10);
		int offset = query.pageOffset();
		Optional<String> connectionId = query.string("connection_id", 32);
		String lowered = text.toLowerCase(Locale.ROOT);
		Predicate<SandboxAccount> filter = (account) -> matchesText(account, lowered)
				&& connectionId.map(account.connectionId()::equals).orElse(true);
		return page(filter, offset, pageSize);
	}

	ApiReply auth(ApiRequest request) {
		return ApiReply.ok(accountReply(lookup(request), true));
	}

	ApiReply details(ApiRequest request) {
		return ApiReply.ok(accountReply(lookup(request), false));
	}

	ApiReply magicLink(ApiRequest request) {
		ObjectNode body = request.jsonObject();
		String state = ApiRequest.text(body, "state", "state");
		if (state.length() > 512) {
			throw ApiErrors.invalidArgument("state", "value length must be at most 512 characters", "string.max_len");
		}
		String verifyUrl = ApiRequest.text(body, "user_verify_url", "userVerifyUrl");
		if (verifyUrl.length() > 2048 || !VERIFY_URL.matcher(verifyUrl).matches()) {
			throw ApiErrors.invalidArgument("user_verify_url", "value does not match regex pattern `^$|^https?://`",
					"string.pattern");
		}
		this.accounts.resolve(ApiRequest.text(body, "id", "id"), ApiRequest.text(body, "connector", "connector"),
				ApiRequest.text(body, "identifier", "identifier"), ACCOUNT_NOT_FOUND);
		byte[] secret = new byte[18];
		this.random.nextBytes(secret);
		ObjectNode reply = WireFormat.object();
		String link = "https://sandbox.invalid/magic/" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		reply.put("link", link);
		reply.put("expiry", WireFormat.timestamp(request.now().plus(MAGIC_LINK_LIFETIME)));
		return ApiReply.ok(reply);
	}

	private AccountState lookup(ApiRequest request) {
		QueryParams query = request.query();
		String id = query.string("id", 32).orElse("");
		String connector = query.connector("connector").orElse("");
		String identifier = query.string("identifier", 100).orElse("");
		return this.accounts.resolve(id, connector, identifier, ACCOUNT_NOT_FOUND);
	}

	private static ObjectNode accountReply(AccountState state, boolean credentials) {
		ObjectNode reply = WireFormat.object();
		reply.set("connected_account", WireFormat.account(state.snapshot(), credentials));
		return reply;
	}

	private static List<String> connectionNames(QueryParams query) {
		List<String> names = query.all("connection_names");
		if (names.isEmpty()) {
			names = query.all("connectionNames");
		}
		if (names.size() > 20) {
			throw ApiErrors.invalidArgument("connection_names", "value must contain no more than 20 item(s)",
					"repeated.max_items");
		}
		for (String name : names) {
			if (name.isEmpty() || name.length() > 400) {
				throw ApiErrors.invalidArgument("connection_names", "value length must be between 1 and 400 characters",
						"string.len");
			}
		}
		return names;
	}

	private static boolean matchesText(SandboxAccount account, String lowered) {
		return account.identifier().toLowerCase(Locale.ROOT).contains(lowered)
				|| account.connector().toLowerCase(Locale.ROOT).contains(lowered)
				|| account.provider().toLowerCase(Locale.ROOT).contains(lowered) || account.id().contains(lowered);
	}

	/**
	 * One pass, keeping only the requested page: listing a large fleet page by page must
	 * not copy the fleet on every call.
	 */
	private ApiReply page(Predicate<SandboxAccount> filter, int offset, int pageSize) {
		ObjectNode reply = WireFormat.object();
		ArrayNode items = reply.putArray("connected_accounts");
		int matching = 0;
		for (AccountState state : this.accounts.all()) {
			if (filter.test(state.account())) {
				if (matching >= offset && matching < offset + pageSize) {
					items.add(WireFormat.listItem(state.snapshot()));
				}
				matching++;
			}
		}
		PageToken.Page page = PageToken.page(offset, pageSize, matching);
		reply.put("total_size", matching);
		reply.put("next_page_token", page.nextPageToken());
		reply.put("prev_page_token", page.prevPageToken());
		return ApiReply.ok(reply);
	}

}
