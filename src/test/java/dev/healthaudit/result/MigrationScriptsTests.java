package dev.healthaudit.result;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every migration can be applied again from its first statement: H2 keeps the DDL of a
 * migration that failed half-way, and the next start applies it again (see
 * {@code command.RecoveringMigration}).
 */
class MigrationScriptsTests {

	private static final Path MIGRATIONS = Path.of("src", "main", "resources", "db", "migration");

	@Test
	void everyStatementThatCreatesOrAddsIsIdempotent() throws IOException {
		List<String> statements = statements();
		assertThat(statements).isNotEmpty();
		for (String statement : statements) {
			String normalised = statement.substring(statement.indexOf(": ") + 2)
				.toLowerCase(Locale.ROOT)
				.replaceAll("\\s+", " ")
				.strip();
			if (normalised.matches("create (unique )?(table|index|sequence|view) .*")) {
				assertThat(normalised).as(statement).containsPattern("^create (unique )?\\w+ if not exists ");
			}
			else if (normalised.matches("alter table .* add (column )?.*")) {
				assertThat(normalised).as(statement).contains(" add column if not exists ");
			}
			else if (normalised.matches("drop .*")) {
				assertThat(normalised).as(statement).containsPattern("^drop \\w+ if exists ");
			}
			else {
				assertThat(normalised)
					.as("only DDL that can be applied twice; write data changes to run twice and "
							+ "extend this test: " + statement)
					.matches("(create|alter|drop) .*");
			}
		}
	}

	/** The statements of every migration, comments removed, each as "file: statement". */
	private static List<String> statements() throws IOException {
		List<String> statements = new ArrayList<>();
		try (Stream<Path> files = Files.list(MIGRATIONS)) {
			for (Path file : files.filter((each) -> each.toString().endsWith(".sql")).sorted().toList()) {
				String sql = Files.readString(file, StandardCharsets.UTF_8).replaceAll("--[^\\n]*", "");
				for (String statement : sql.split(";")) {
					if (!statement.isBlank()) {
						statements.add(file.getFileName() + ": " + statement.strip());
					}
				}
			}
		}
		return statements;
	}

}
