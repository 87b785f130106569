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
	void capsLength() {
		assertThat(CsvCells.safe("x".repeat(5000))).hasSize(CsvCells.MAX_LENGTH).endsWith("…");
	}

}
