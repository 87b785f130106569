package dev.healthaudit.account;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.healthaudit.report.CsvReports;

import static org.assertj.core.api.Assertions.assertThat;

class ColumnNamesTests {

	@Test
	void everyColumnTheReportsWriteBeforeTheInputColumnsIsAProductColumn() throws IllegalAccessException {
		List<String> written = new ArrayList<>();
		for (Field field : CsvReports.class.getFields()) {
			// rejects.csv carries no input columns, so its names cannot collide
			if (Modifier.isStatic(field.getModifiers()) && field.getName().endsWith("_COLUMNS")
					&& !field.getName().equals("REJECT_COLUMNS")) {
				((List<?>) field.get(null)).forEach((name) -> written.add((String) name));
			}
		}
		assertThat(written).isNotEmpty();
		assertThat(ColumnNames.PRODUCT_COLUMNS).containsAll(written);
		assertThat(ColumnNames.PRODUCT_COLUMNS).containsAll(ColumnNames.LINK_COLUMNS);
	}

	@Test
	void passThroughDropsProductAndLinkColumnsCaseInsensitivelyAndKeepsTheOthersInOrder() {
		List<String> header = List.of("Email", "identifier", "Account_Id", "connection_name", "org", "HEALTH",
				"authorization_link", "provider");
		ColumnNames.PassThrough passThrough = ColumnNames.passThrough(header, 1, 3);
		assertThat(passThrough.columns()).containsExactly(Map.entry(0, "Email"), Map.entry(4, "org"),
				Map.entry(7, "provider"));
		assertThat(passThrough.dropped()).containsExactly("Account_Id", "HEALTH", "authorization_link");
	}

	@Test
	void unknownConnectionReasonQuotesAnExcerptOfTheName() {
		String name = "n".repeat(5000);
		InputRecord record = InputRecords.of(2, "u1", name, Map.of(), "u1," + name, (known) -> false);
		assertThat(record).isInstanceOfSatisfying(RejectedInput.class, (rejected) -> assertThat(rejected.reason())
			.isEqualTo("unknown_connection: " + "n".repeat(60) + "... (5000 characters)"));
	}

}
