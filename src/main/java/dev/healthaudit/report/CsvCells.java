package dev.healthaudit.report;

import org.jspecify.annotations.Nullable;

/** Makes a value safe for a CSV cell that a spreadsheet will open. */
public final class CsvCells {

	/** No cell is longer than this. */
	public static final int MAX_LENGTH = 1024;

	private CsvCells() {
	}

	/**
	 * Replaces control characters other than tab, line feed and carriage return (which
	 * RFC 4180 cells may hold) with their visible Unicode control pictures
	 * ({@code U+0000} NUL becomes {@code U+2400} ␀, ESC {@code U+241B} ␛, DEL
	 * {@code U+2421} ␡), prefixes a single quote to values a spreadsheet would evaluate
	 * as a formula ({@code = + - @}, tab, carriage return) and truncates to
	 * {@link #MAX_LENGTH} characters.
	 *
	 * <p>
	 * A NUL ends a string in C tools and makes many readers stop or call the file binary;
	 * ESC and its friends drive a terminal that shows the file. A carried-through input
	 * column can hold any of them. Pictures rather than U+FFFD or nothing: a reader sees
	 * that something was there, and a report fed back as input is not rejected as invalid
	 * UTF-8 (which U+FFFD would be).
	 */
	public static String safe(@Nullable String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		String cell = visibleControls(value);
		char first = cell.charAt(0);
		if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
			cell = "'" + cell;
		}
		if (cell.length() > MAX_LENGTH) {
			int end = MAX_LENGTH - 1;
			if (Character.isHighSurrogate(cell.charAt(end - 1))) {
				end--;
			}
			cell = cell.substring(0, end) + "…";
		}
		return cell;
	}

	private static String visibleControls(String value) {
		StringBuilder visible = null;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			boolean control = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
			if (control && visible == null) {
				visible = new StringBuilder(value.length()).append(value, 0, i);
			}
			if (visible != null) {
				visible.append(control ? (char) ((c == 0x7F) ? 0x2421 : 0x2400 + c) : c);
			}
		}
		return (visible != null) ? visible.toString() : value;
	}

}
