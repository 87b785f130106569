package dev.healthaudit.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Page tokens as the real API issues them: base64 of {@code {"offset":N}} (wire reference
 * §3.1). Clients must treat them as opaque; the sandbox uses the same shape so nobody
 * gets a surprise in production.
 */
final class PageToken {

	private static final JsonMapper JSON = JsonMapper.shared();

	private PageToken() {
	}

	static String encode(int offset) {
		return Base64.getEncoder().encodeToString(("{\"offset\":" + offset + "}").getBytes(StandardCharsets.UTF_8));
	}

	static int decode(String token) {
		try {
			JsonNode node = JSON.readTree(Base64.getDecoder().decode(token));
			JsonNode offset = node.path("offset");
			if (!offset.isIntegralNumber() || offset.asInt() < 0) {
				throw invalid();
			}
			return offset.asInt();
		}
		catch (IllegalArgumentException | JacksonException ex) {
			throw invalid();
		}
	}

	/**
	 * Next and previous tokens for a page starting at {@code offset}; empty strings at
	 * either end.
	 */
	static Page page(int offset, int pageSize, int total) {
		int end = Math.min(total, offset + pageSize);
		String next = (end < total) ? encode(end) : "";
		String prev = (offset > 0) ? encode(Math.max(0, offset - pageSize)) : "";
		return new Page(Math.min(offset, total), end, next, prev);
	}

	private static ApiException invalid() {
		return ApiErrors.badRequest("invalid page token");
	}

	record Page(int from, int to, String nextPageToken, String prevPageToken) {

	}

}
