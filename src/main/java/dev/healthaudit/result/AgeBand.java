package dev.healthaudit.result;

import java.time.Duration;

/**
 * How long a problem account has had its health: from {@link RowHistory#healthSince()} to
 * the check of this run. A band holds ages from the previous band's bound (inclusive) up
 * to its own (exclusive).
 */
public enum AgeBand {

	UNDER_1_DAY("under_1_day", "under 1 day", 1), ONE_TO_7_DAYS("1_to_7_days", "1-7 days", 7),
	SEVEN_TO_30_DAYS("7_to_30_days", "7-30 days", 30), OVER_30_DAYS("over_30_days", "over 30 days", Integer.MAX_VALUE);

	private final String key;

	private final String label;

	private final int upToDays;

	AgeBand(String key, String label, int upToDays) {
		this.key = key;
		this.label = label;
		this.upToDays = upToDays;
	}

	/** The key in {@code summary.json}. */
	public String key() {
		return this.key;
	}

	/** The label in {@code report.html}. */
	public String label() {
		return this.label;
	}

	public static AgeBand of(Duration age) {
		for (AgeBand band : values()) {
			if (band.upToDays == Integer.MAX_VALUE || age.compareTo(Duration.ofDays(band.upToDays)) < 0) {
				return band;
			}
		}
		throw new IllegalStateException("unreachable");
	}

}
