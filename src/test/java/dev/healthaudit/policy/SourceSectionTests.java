package dev.healthaudit.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The {@code source} section binds to the settings of its {@code type}, one record per
 * type.
 */
class SourceSectionTests {

	private static final String CONNECTIONS = """
			connections:
			  gmail:
			    probe: { tool: gmail_get_profile }
			""";

	@TempDir
	Path directory;

	@Test
	void typeAloneGivesTheDefaultsOfThatType() throws IOException {
		assertThat(source("source: { type: scalekit }\n")).isEqualTo(new SourceSettings.ScalekitList(List.of()));
	}

	@Test
	void settingOfAnotherTypeIsRefusedAtItsLine() throws IOException {
		assertThat(problems("source:\n  type: scalekit\n  path: a.csv\n"))
			.containsExactly("line 4: 'source.path' does not apply to source type scalekit; remove it");
	}

	@Test
	void emptyListOfAnotherTypeSetsNothing() throws IOException {
		assertThat(source("source: { type: csv, path: a.csv, connection-names: [] }\n"))
			.isEqualTo(new SourceSettings.Csv(Path.of("a.csv")));
	}

	@Test
	void sectionWithoutTypeReportsTheTypeAndOnlyKeysNoTypeTakes() throws IOException {
		assertThat(problems("source: { path: a.csv, query: select 1, pth: b }\n")).containsExactly(
				"line 2: unknown key 'source.pth'", "line 2: 'source.type' is required (csv, scalekit or jdbc)");
	}

	@Test
	void sectionOfAnUnknownTypeReportsOnlyTheType() throws IOException {
		assertThat(problems("source: { type: ftp, path: a.csv, url: x }\n"))
			.containsExactly("line 2: invalid value 'ftp' for 'source.type' (expected one of csv, scalekit, jdbc)");
	}

	private SourceSettings source(String section) throws IOException {
		return PolicyLoader.load(write(section), Map.of()).source();
	}

	private List<String> problems(String section) throws IOException {
		Path file = write(section);
		InvalidPolicyException ex = catchThrowableOfType(InvalidPolicyException.class,
				() -> PolicyLoader.load(file, Map.of()));
		assertThat(ex).as("expected the policy to be refused").isNotNull();
		return ex.problems().stream().map((problem) -> problem.substring(file.toString().length() + 1)).toList();
	}

	private Path write(String section) throws IOException {
		return Files.writeString(this.directory.resolve("policy.yml"), "name: sources\n" + section + CONNECTIONS);
	}

}
