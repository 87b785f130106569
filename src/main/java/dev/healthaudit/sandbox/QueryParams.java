package dev.healthaudit.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A query string decoded the way Go's {@code url.ParseQuery} does it (so {@code +} means
 * a space and an identifier containing {@code +} must be sent as {@code %2B}), with the
 * buf.validate checks the real API applies.
 */
final class QueryParams {

	/** Connection-name pattern from the proto validation rules (wire reference §3). */
	static final Pattern CONNECTOR_PATTERN = Pattern.compile("^[a-zA-Z0-9_: -]*$");

	private final Map<String, List<String>> values;

	private QueryParams(Map<String, List<String>> values) {
		this.values = values;
	}

	static QueryParams parse(@Nullable String rawQuery) {
		Map<String, List<String>> values = new LinkedHashMap<>();
		if (rawQuery != null && !rawQuery.isEmpty()) {
			for (String pair : rawQuery.split("&")) {
				if (pair.isEmpty()) {
					continue;
				}
				int eq = pair.indexOf('=');
				String name = decode((eq < 0) ? pair : pair.substring(0, eq));
				String value = (eq < 0) ? "" : decode(pair.substring(eq + 1));
				values.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
			}
		}
		values.replaceAll((name, list) -> List.copyOf(list));
		return new QueryParams(Collections.unmodifiableMap(values));
	}

	static String decode(String raw) {
		try {
			return URLDecoder.decode(raw, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw ApiErrors.badRequest("invalid query string: " + ex.getMessage());
		}
	}

	Map<String, List<String>> asMap() {
		return this.values;
	}

	/** The first value, blank treated as absent (proto3 has no presence for strings). */
	Optional<String> first(String name) {
		List<String> list = this.values.get(name);
		return (list == null || list.isEmpty() || list.get(0).isEmpty()) ? Optional.empty() : Optional.of(list.get(0));
	}

	/**
	 * The first value of the first name present; grpc-gateway also accepts lowerCamelCase
	 * names.
	 */
	Optional<String> first(String name, String camelName) {
		return first(name).or(() -> first(camelName));
	}

	List<String> all(String name) {
		return this.values.getOrDefault(name, List.of());
	}

	Optional<String> string(String name, int maxLength) {
		Optional<String> value = first(name);
		if (value.isPresent() && value.get().length() > maxLength) {
			throw ApiErrors.invalidArgument(name, "value length must be at most " + maxLength + " characters",
					"string.max_len");
		}
		return value;
	}

	Optional<String> connector(String name) {
		Optional<String> value = string(name, 400);
		if (value.isPresent() && !CONNECTOR_PATTERN.matcher(value.get()).matches()) {
			throw ApiErrors.invalidArgument(name, "value does not match regex pattern `^[a-zA-Z0-9_: -]*$`",
					"string.pattern");
		}
		return value;
	}

	/**
	 * A uint32 page size: 0 (or absent) means {@code defaultSize}. Sizes from
	 * {@code bound} up are rejected, or above it when {@code inclusive} (the list route
	 * says {@code lt 100}, search and connections {@code lte 30}).
	 */
	int pageSize(int bound, boolean inclusive, int defaultSize) {
		Optional<String> raw = first("page_size", "pageSize");
		if (raw.isEmpty()) {
			return defaultSize;
		}
		long size;
		try {
			size = Long.parseLong(raw.get());
		}
		catch (NumberFormatException ex) {
			throw ApiErrors.badRequest("type mismatch, parameter: page_size, error: strconv.ParseUint: parsing " + "\""
					+ raw.get() + "\": invalid syntax");
		}
		if (size < 0 || size > 0xFFFF_FFFFL) {
			throw ApiErrors.badRequest("type mismatch, parameter: page_size, error: strconv.ParseUint: parsing " + "\""
					+ raw.get() + "\": value out of range");
		}
		if (inclusive && size > bound) {
			throw ApiErrors.invalidArgument("page_size", "value must be less than or equal to " + bound, "uint32.lte");
		}
		if (!inclusive && size >= bound) {
			throw ApiErrors.invalidArgument("page_size", "value must be less than " + bound, "uint32.lt");
		}
		return (size == 0) ? defaultSize : (int) size;
	}

	int pageOffset() {
		Optional<String> token = string("page_token", 100).or(() -> first("pageToken"));
		return token.map(PageToken::decode).orElse(0);
	}

}
