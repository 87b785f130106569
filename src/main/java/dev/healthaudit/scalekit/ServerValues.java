package dev.healthaudit.scalekit;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Numbers and texts a server supplies, clamped or cut to what the rest of the job can
 * hold (see the package documentation), so that no server value overflows a
 * {@link Duration}, a column or a log line.
 */
final class ServerValues {

	/**
	 * The longest {@code Retry-After} taken at its word; a longer one (or one too big for
	 * a number) is cut to it.
	 */
	static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

	/**
	 * The longest access-token lifetime believed; Scalekit issues tokens for 24 hours.
	 */
	static final Duration MAX_TOKEN_LIFETIME = Duration.ofHours(24);

	/**
	 * The results store keeps account ids and statuses in columns of 64 characters (the
	 * API's ids have 32).
	 */
	static final int MAX_ID_LENGTH = 64;

	/**
	 * Error codes are identifiers; the evidence joins two of them into a column of 200
	 * characters.
	 */
	static final int MAX_CODE_LENGTH = 64;

	/** Error messages are only ever shown cut to a few hundred characters. */
	static final int MAX_MESSAGE_LENGTH = 1024;

	private static final Pattern NOT_CODE = Pattern.compile("[^A-Za-z0-9_.:/-]");

	private static final Pattern DELTA_SECONDS = Pattern.compile("[0-9]+");

	private static final Pattern DECIMAL_SECONDS = Pattern.compile("-?[0-9]{1,30}(\\.[0-9]{1,30})?");

	private ServerValues() {
	}

	/**
	 * A text field the server left out (or sent in a shape that is not text) as an empty
	 * string.
	 */
	static String text(String value) {
		return (value != null) ? value : "";
	}

	static String cut(String text, int length) {
		return (text.length() <= length) ? text : text.substring(0, length);
	}

	/**
	 * An error code as an identifier: identifier characters only, short, our secrets
	 * blanked.
	 */
	static String code(String raw, UnaryOperator<String> redact) {
		return cut(NOT_CODE.matcher(redact.apply(text(raw))).replaceAll(""), MAX_CODE_LENGTH);
	}

	/** A message cut to {@link #MAX_MESSAGE_LENGTH}, our secrets blanked. */
	static String message(String raw, UnaryOperator<String> redact) {
		return cut(redact.apply(cut(text(raw), MAX_MESSAGE_LENGTH * 4)), MAX_MESSAGE_LENGTH);
	}

	/**
	 * An RFC 3339 timestamp; empty when absent or unreadable (never a failure of the
	 * whole answer).
	 */
	static Optional<Instant> instant(String value) {
		if (value == null || value.isEmpty()) {
			return Optional.empty();
		}
		try {
			return Optional.of(Instant.parse(value));
		}
		catch (DateTimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Visible ASCII only: anything else (a line break above all) must never reach a
	 * request header or a link.
	 */
	static boolean isVisibleAscii(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x21 || c > 0x7E) {
				return false;
			}
		}
		return true;
	}

	/**
	 * An access token's lifetime from {@code expires_in} (a number, or a number in a
	 * string): clamped to {@link #MAX_TOKEN_LIFETIME}; zero when the server gave none,
	 * zero, a negative number or no number at all (such a token serves one request, see
	 * {@link AccessTokenCache}).
	 */
	static Duration lifetime(JsonNode expiresIn) {
		double seconds;
		if (expiresIn == null) {
			return Duration.ZERO;
		}
		if (expiresIn.isNumber()) {
			seconds = expiresIn.asDouble();
		}
		else if (expiresIn.isString() && DECIMAL_SECONDS.matcher(expiresIn.asString().trim()).matches()) {
			seconds = Double.parseDouble(expiresIn.asString().trim());
		}
		else {
			return Duration.ZERO;
		}
		if (Double.isNaN(seconds) || seconds <= 0) {
			return Duration.ZERO;
		}
		if (seconds >= MAX_TOKEN_LIFETIME.toSeconds()) {
			return MAX_TOKEN_LIFETIME;
		}
		return Duration.ofSeconds((long) seconds);
	}

	/**
	 * {@code Retry-After} as delta-seconds or an HTTP date, at most
	 * {@link #MAX_RETRY_AFTER} (however many digits the server sent); a date in the past
	 * is zero. Anything else (negative, fractional, garbage) counts as absent.
	 */
	static Optional<Duration> retryAfter(Optional<String> header, Instant now) {
		if (header.isEmpty() || header.get().isBlank()) {
			return Optional.empty();
		}
		String value = header.get().trim();
		if (DELTA_SECONDS.matcher(value).matches()) {
			// more than 18 digits is more than a day anyway, and would not fit a long
			long seconds = (value.length() > 18) ? Long.MAX_VALUE : Long.parseLong(value);
			return Optional.of(clamp(Duration.ofSeconds(Math.min(seconds, MAX_RETRY_AFTER.toSeconds()))));
		}
		try {
			Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			return Optional.of(clamp(Duration.between(now, at)));
		}
		catch (DateTimeException | ArithmeticException notADate) {
			return Optional.empty();
		}
	}

	private static Duration clamp(Duration wait) {
		if (wait.isNegative()) {
			return Duration.ZERO;
		}
		return (wait.compareTo(MAX_RETRY_AFTER) > 0) ? MAX_RETRY_AFTER : wait;
	}

}
