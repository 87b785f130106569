package dev.healthaudit.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded database holds authorization links in plain text: its directory is
 * owner-only from the first start, and one left open by an older version is tightened at
 * the next start, which says so once.
 */
class DataDirectoryIntegrationTests {

	private static final String TIGHTENED = "restricted the data directory to its owner";

	@TempDir
	Path work;

	@Test
	void dataDirectoryIsOwnerOnlyFromTheFirstStartAndTightenedOnceWhenAnOlderVersionLeftItOpen() throws IOException {
		Path data = this.work.resolve("data");
		AuditApp.Result fresh = audit(data);
		assertThat(fresh.exitCode()).as(fresh.output()).isZero();
		assertThat(permissions(data)).isEqualTo("rwx------");
		assertThat(permissions(data.resolve("audit.mv.db"))).isEqualTo("rw-------");
		assertThat(fresh.output()).doesNotContain(TIGHTENED);

		// as versions before this one left them: the process's umask decided
		Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.setPosixFilePermissions(data.resolve("audit.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));
		AuditApp.Result upgraded = audit(data);
		assertThat(upgraded.exitCode()).as(upgraded.output()).isZero();
		assertThat(upgraded.output().lines().filter((line) -> line.contains(TIGHTENED))).singleElement()
			.asString()
			.contains("rwxr-xr-x -> rwx------", "audit.mv.db rw-r--r-- -> rw-------");
		assertThat(permissions(data)).isEqualTo("rwx------");
		assertThat(permissions(data.resolve("audit.mv.db"))).isEqualTo("rw-------");

		AuditApp.Result next = audit(data);
		assertThat(next.exitCode()).as(next.output()).isZero();
		assertThat(next.output()).doesNotContain(TIGHTENED);
	}

	private AuditApp.Result audit(Path data) {
		return AuditApp.run("--sandbox", "--reports-dir=" + this.work.resolve("reports"), "--audit.data-dir=" + data,
				"--audit.sandbox.accounts=20", "--audit.sandbox.slow-probe-delay=10ms", "--audit.progress-interval=5s");
	}

	private static String permissions(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

}
