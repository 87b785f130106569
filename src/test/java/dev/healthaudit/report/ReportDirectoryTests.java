package dev.healthaudit.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Where a run's reports go: checked before a run starts, published whole, and never over
 * somebody else's files.
 */
class ReportDirectoryTests {

	@TempDir
	Path work;

	@Test
	void aDirectoryThatCanBeCreatedPassesAndIsNotLeftBehind() {
		Path root = this.work.resolve("a").resolve("reports");
		new ReportDirectory(root).requireWritable();
		assertThat(this.work.resolve("a")).doesNotExist();
	}

	@Test
	void anExistingDirectoryPassesAndKeepsItsContent() throws IOException {
		Path root = Files.createDirectories(this.work.resolve("reports"));
		Files.writeString(root.resolve("notes.txt"), "mine");
		new ReportDirectory(root).requireWritable();
		try (var files = Files.list(root)) {
			assertThat(files).containsExactly(root.resolve("notes.txt"));
		}
	}

	@Test
	void aReportsDirectoryThatCannotBeCreatedIsRefusedByName() throws IOException {
		Path file = Files.writeString(this.work.resolve("not-a-directory"), "x");
		Path root = file.resolve("reports");
		assertThatThrownBy(() -> new ReportDirectory(root).requireWritable())
			.isInstanceOf(UnusableReportDirectoryException.class)
			.hasMessageStartingWith("cannot create the reports directory " + root.toAbsolutePath());
		assertThatThrownBy(() -> new ReportDirectory(file).requireWritable())
			.isInstanceOf(UnusableReportDirectoryException.class)
			.hasMessageContaining(file.toAbsolutePath().toString());
	}

	@Test
	void aReadOnlyReportsDirectoryIsRefusedByName() throws IOException {
		assumeFalse("root".equals(System.getProperty("user.name")), "root writes into read-only directories");
		Path root = Files.createDirectories(this.work.resolve("reports"));
		Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("r-xr-xr-x"));
		try {
			assertThatThrownBy(() -> new ReportDirectory(root).requireWritable())
				.isInstanceOf(UnusableReportDirectoryException.class)
				.hasMessageStartingWith("cannot write in the reports directory " + root.toAbsolutePath());
		}
		finally {
			Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
		}
	}

	@Test
	void latestThatIsADirectoryIsRefusedAndKept() throws IOException {
		Path root = Files.createDirectories(this.work.resolve("reports"));
		Path latest = Files.createDirectories(root.resolve("latest"));
		Files.writeString(latest.resolve("accounts.csv"), "someone's copy");
		ReportDirectory reports = new ReportDirectory(root);
		assertThatThrownBy(reports::requireWritable).isInstanceOf(UnusableReportDirectoryException.class)
			.hasMessageStartingWith(latest.toAbsolutePath() + " is a directory, not the symbolic link")
			.hasMessageContaining("move it out of the way");
		// publishing refuses it too, and deletes nothing
		assertThatThrownBy(() -> reports.publish("run-1", (staging) -> write(staging.resolve("summary.json"))))
			.isInstanceOf(UnusableReportDirectoryException.class);
		assertThat(Files.readString(latest.resolve("accounts.csv"))).isEqualTo("someone's copy");
	}

	@Test
	void latestThatIsAFileIsRefused() throws IOException {
		Path root = Files.createDirectories(this.work.resolve("reports"));
		Files.writeString(root.resolve("latest"), "x");
		assertThatThrownBy(() -> new ReportDirectory(root).requireWritable())
			.hasMessageContaining("latest is a file, not the symbolic link");
	}

	@Test
	void latestIsALinkToTheNewestPublishedRun() throws IOException {
		Path root = this.work.resolve("reports");
		ReportDirectory reports = new ReportDirectory(root);
		reports.publish("run-1", (staging) -> write(staging.resolve("summary.json")));
		reports.requireWritable();
		reports.publish("run-2", (staging) -> write(staging.resolve("summary.json")));
		assertThat(Files.isSymbolicLink(root.resolve("latest"))).isTrue();
		assertThat(root.resolve("latest").toRealPath()).isEqualTo(root.resolve("run-2").toRealPath());
		assertThat(root.resolve("run-1").resolve("summary.json")).exists();
	}

	private static void write(Path file) {
		try {
			Files.writeString(file, "{}");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
