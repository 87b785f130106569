package dev.healthaudit.policy;

import org.jspecify.annotations.NullUnmarked;

/**
 * How a message quotes something taken from a file the job was given (a policy value, a
 * CSV header name): at most {@value #MAX_LENGTH} characters, control and format
 * characters written as {@code \}{@code uXXXX}. A 60 MB header must not become a 60 MB
 * log line, and a line break or an escape sequence in a name must not forge log lines or
 * drive a terminal.
 */
@NullUnmarked
public final class Excerpt {

	/**
	 * Characters of the value kept; longer values end in {@code ...} and their length.
	 */
	public static final int MAX_LENGTH = 60;

	private Excerpt() {
	}

	/**
	 * {@code value} cut to {@value #MAX_LENGTH} characters and escaped, without quotes
	 * around it.
	 */
	public static String of(String value) {
		if (value == null) {
			return "";
		}
		StringBuilder excerpt = new StringBuilder();
		int kept = 0;
		for (int i = 0; i < value.length() && kept < MAX_LENGTH;) {
			int c = value.codePointAt(i);
			i += Character.charCount(c);
			kept += Character.charCount(c);
			if (needsEscape(c)) {
				excerpt.append(String.format("\\u%04X", c));
			}
			else {
				excerpt.appendCodePoint(c);
			}
		}
		if (kept < value.length()) {
			excerpt.append("... (").append(value.length()).append(" characters)");
		}
		return excerpt.toString();
	}

	/** {@code value} as an excerpt in single quotes. */
	public static String quoted(String value) {
		return "'" + of(value) + "'";
	}

	private static boolean needsEscape(int c) {
		int type = Character.getType(c);
		// controls (NUL, ESC, line breaks, C1), format characters (bidi overrides,
		// zero-width), lone surrogates
		return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
				|| type == Character.UNASSIGNED || c == '\u2028' || c == '\u2029';
	}

}
