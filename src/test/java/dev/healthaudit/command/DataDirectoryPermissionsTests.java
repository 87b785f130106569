package dev.healthaudit.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data directory and its database files are kept owner-only (they hold authorization
 * links).
 */
class DataDirectoryPermissionsTests {

	@TempDir
	Path work;

	@Test
	void absentDirectoryIsCreatedOwnerOnlyWhenTheDatabaseWillLiveInIt() throws IOException {
		Path data = this.work.resolve("var").resolve("data");
		assertThat(DataDirectoryPermissions.secure(data, true).isEmpty()).isTrue();
		assertThat(permissions(data)).isEqualTo("rwx------");
		assertThat(permissions(data.getParent())).as("only the data directory itself is ours")
			.isNotEqualTo("rwx------");
	}

	@Test
	void absentDirectoryIsNotCreatedOtherwise() {
		Path data = this.work.resolve("data");
		DataDirectoryPermissions.secure(data, false);
		assertThat(data).doesNotExist();
	}

	@Test
	void directoryAndDatabaseFilesOfAnOlderVersionAreTightenedOnceAndOtherFilesLeftAlone() throws IOException {
		Path data = Files.createDirectory(this.work.resolve("data"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
		Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path database = Files.writeString(data.resolve("audit.mv.db"), "h2");
		Path trace = Files.writeString(data.resolve("audit.trace.db"), "h2");
		Path other = Files.writeString(data.resolve("sandbox.yml"), "name: sandbox");
		for (Path file : new Path[] { database, trace, other }) {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		}

		DataDirectoryPermissions.Tightened first = DataDirectoryPermissions.secure(data, true);
		assertThat(first.describe()).isEqualTo("directory " + data + " rwxr-xr-x -> rwx------, database file "
				+ "audit.mv.db rw-r--r-- -> rw-------, database file audit.trace.db rw-r--r-- -> rw-------");
		assertThat(permissions(data)).isEqualTo("rwx------");
		assertThat(permissions(database)).isEqualTo("rw-------");
		assertThat(permissions(trace)).isEqualTo("rw-------");
		assertThat(permissions(other)).isEqualTo("rw-r--r--");

		assertThat(DataDirectoryPermissions.secure(data, true).isEmpty()).as("nothing left to tighten").isTrue();
	}

	@Test
	void stricterPermissionsTheOwnerChoseAreKept() throws IOException {
		Path data = Files.createDirectory(this.work.resolve("data"));
		Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("r-x------"));
		Path database = Files.writeString(data.resolve("audit.mv.db"), "h2");
		Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("r--------"));
		try {
			assertThat(DataDirectoryPermissions.secure(data, true).isEmpty()).isTrue();
			assertThat(permissions(data)).isEqualTo("r-x------");
			assertThat(permissions(database)).isEqualTo("r--------");
		}
		finally {
			Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
		}
	}

	private static String permissions(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

}
