package dev.healthaudit.probe;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Makes provider error text fit for a report: no control characters, no URLs with
 * parameters, nothing that looks like a token, and short. Raw {@code error_description}
 * text is not shown as-is.
 */
public final class ProviderMessages {

	/**
	 * Evidence messages are cut to this length; cells of the CSV files are capped
	 * separately.
	 */
	public static final int MAX_LENGTH = 240;

	private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\p{Zl}\\p{Zp}]+");

	private static final Pattern URL = Pattern.compile("(?i)\\bhttps?://\\S+");

	private static final Pattern TOKEN_LIKE = Pattern.compile(
			"(?i)\\b(bearer\\s+)?(?=[A-Za-z0-9._~+/=-]*[0-9])(?=[A-Za-z0-9._~+/=-]*[A-Za-z])[A-Za-z0-9._~+/=-]{24,}");

	private static final Pattern SPACES = Pattern.compile("\\s{2,}");

	private ProviderMessages() {
	}

	public static String sanitize(@Nullable String message) {
		if (message == null || message.isEmpty()) {
			return "";
		}
		String text = CONTROL.matcher(message).replaceAll(" ");
		text = URL.matcher(text).replaceAll("[url]");
		text = TOKEN_LIKE.matcher(text).replaceAll("[redacted]");
		text = SPACES.matcher(text).replaceAll(" ").strip();
		if (text.length() > MAX_LENGTH) {
			text = text.substring(0, MAX_LENGTH - 1).strip() + "…";
		}
		return text;
	}

}
