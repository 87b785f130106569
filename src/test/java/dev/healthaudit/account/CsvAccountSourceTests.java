package dev.healthaudit.account;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvAccountSourceTests {

	@TempDir
	Path directory;

	@Test
	void readsAccountsWithTheirLinesAndCarriesExtraColumns() throws IOException {
		Path file = write("Email,IDENTIFIER,Connection_Name,user_id\r\n"
				+ "a@x.io,a@x.io,gmail,u1\r\n"
				+ "\"b\nmultiline\",b@x.io,slack,u2\r\n"
				+ "\r\n"
				+ "c@x.io,c@x.io,gmail,u3\r\n");
		List<InputRecord> records = readAll(file);
		assertThat(records).hasSize(3);
		AccountRef first = (AccountRef) records.get(0);
		assertThat(first.connectionName()).isEqualTo("gmail");
		assertThat(first.line()).isEqualTo(2);
		assertThat(first.extras()).containsExactly(java.util.Map.entry("Email", "a@x.io"),
				java.util.Map.entry("user_id", "u1"));
		assertThat(records.get(1).line()).isEqualTo(3);
		assertThat(records.get(2).line()).isEqualTo(6);
	}

	@Test
	void acceptsConnectorAsConnectionNameAndSkipsBom() throws IOException {
		Path file = write("\uFEFFidentifier,connector\nu1,gmail\n");
		assertThat(readAll(file)).singleElement()
			.isEqualTo(new AccountRef("gmail", "u1", 2, java.util.Map.of()));
	}

	@Test
	void rejectsEmptyFieldsAndUnknownConnections() throws IOException {
		Path file = write("identifier,connection_name\n,gmail\nu2,\nu3,notion\n");
		assertThat(readAll(file)).containsExactly(new RejectedInput(2, "empty_identifier", "\"\",gmail"),
				new RejectedInput(3, "empty_connection_name", "u2,"),
				new RejectedInput(4, "unknown_connection: notion", "u3,notion"));
	}

	@Test
	void missingColumnNamesFileAndLine() throws IOException {
		Path file = write("identifier,email\nu1,x\n");
		assertThatThrownBy(() -> new CsvAccountSource(file, (name) -> true))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining(file.toString())
			.hasMessageContaining("line 1")
			.hasMessageContaining("connection_name");
	}

	@Test
	void emptyFileIsAClearError() throws IOException {
		Path file = write("");
		assertThatThrownBy(() -> new CsvAccountSource(file, (name) -> true)).hasMessageContaining("empty file");
	}

	@Test
	void skipResumesAtTheSavedPosition() throws IOException {
		Path file = write("identifier,connection_name\nu1,gmail\nu2,gmail\nu3,gmail\n");
		try (CsvAccountSource source = new CsvAccountSource(file, (name) -> true)) {
			source.skip(2);
			assertThat(source.next()).get().extracting(InputRecord::line).isEqualTo(4L);
			assertThat(source.position()).isEqualTo(3);
		}
	}

	private List<InputRecord> readAll(Path file) {
		List<InputRecord> records = new ArrayList<>();
		try (CsvAccountSource source = new CsvAccountSource(file, Set.of("gmail", "slack")::contains)) {
			source.next().ifPresent(records::add);
			while (true) {
				var next = source.next();
				if (next.isEmpty()) {
					break;
				}
				records.add(next.get());
			}
		}
		return records;
	}

	private Path write(String content) throws IOException {
		Path file = this.directory.resolve("accounts.csv");
		Files.writeString(file, content, StandardCharsets.UTF_8);
		return file;
	}

}
