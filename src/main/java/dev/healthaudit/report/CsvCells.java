package dev.healthaudit.report;

/** Makes a value safe for a CSV cell that a spreadsheet will open. */
public final class CsvCells {

	/** No cell is longer than this. */
	public static final int MAX_LENGTH = 1024;

	private CsvCells() {
	}

	/**
	 * Prefixes a single quote to values a spreadsheet would evaluate as a formula ({@code = + - @}, tab, carriage
	 * return) and truncates to {@link #MAX_LENGTH} characters.
	 */
	public static String safe(String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		String cell = value;
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

}
