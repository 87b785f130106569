package dev.healthaudit.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.healthaudit.finding.Finding;

/**
 * The policy's {@code fail-on}: {@code none} (or nothing) means the exit code never
 * reports findings, a finding (any case, {@code -} for {@code _}) means exit 3 when
 * findings at or above it exist.
 */
record FailOn(Optional<Finding> finding) {

	/** What a {@code fail-on} value may be, for the message that refuses another. */
	static final String EXPECTED = "none or one of "
			+ Arrays.stream(Finding.values()).map(Finding::name).collect(Collectors.joining(", "));

	/**
	 * The setting written as {@code value}: YAML reads {@code fail-on: 3} as a number, so
	 * any value is taken as its text.
	 * @throws IllegalArgumentException if the text is neither {@code none} nor a finding
	 */
	static FailOn of(Object value) {
		String text = String.valueOf(value);
		if (text.isBlank() || text.trim().equalsIgnoreCase("none")) {
			return new FailOn(Optional.empty());
		}
		String name = text.trim().replace('-', '_').toUpperCase(Locale.ROOT);
		if (Arrays.stream(Finding.values()).noneMatch((finding) -> finding.name().equals(name))) {
			throw new IllegalArgumentException("not a finding: " + Excerpt.quoted(text));
		}
		return new FailOn(Optional.of(Finding.valueOf(name)));
	}

}
