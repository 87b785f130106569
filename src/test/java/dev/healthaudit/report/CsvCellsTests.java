package dev.healthaudit.report;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CsvCellsTests {

	@ParameterizedTest
	@ValueSource(strings = { "=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx" })
	void neutralisesFormulaPrefixes(String value) {
		assertThat(CsvCells.safe(value)).isEqualTo("'" + value);
	}

	@ParameterizedTest
	@ValueSource(strings = { "alice@example.com", "ACTIVE", "a=b", "" })
	void leavesOtherValuesAlone(String value) {
		assertThat(CsvCells.safe(value)).isEqualTo(value);
	}

	@org.junit.jupiter.api.Test
	void showsNulEscapeAndOtherControlCharactersAsTheirPictures() {
		assertThat(CsvCells.safe("a\u0000b")).isEqualTo("a\u2400b");
		assertThat(CsvCells.safe("\u001B[31mred\u001B[0m\u0007\u0008\u007F"))
			.isEqualTo("\u241B[31mred\u241B[0m\u2407\u2408\u2421");
		assertThat(CsvCells.safe("\u0000=cmd()")).isEqualTo("\u2400=cmd()");
		assertThat(CsvCells.safe("\u0001\u001F")).isEqualTo("\u2401\u241F");
	}

	@org.junit.jupiter.api.Test
	void keepsTheLineBreaksAndTabsACsvCellMayHold() {
		assertThat(CsvCells.safe("two\r\nlines\tand\ta tab")).isEqualTo("two\r\nlines\tand\ta tab");
	}

	@org.junit.jupiter.api.Test
	void capsLength() {
		assertThat(CsvCells.safe("x".repeat(5000))).hasSize(CsvCells.MAX_LENGTH).endsWith("…");
	}

}
