package dev.healthaudit.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exit codes of product §6 with {@code fail-on}, over two sandbox runs of one policy name
 * in one database: the second is also compared with the first (summary changes, trend of
 * two runs).
 */
class FailOnIntegrationTests {

	@TempDir
	static Path work;

	static AuditApp.Result lenient;

	static AuditApp.Result strict;

	@BeforeAll
	static void auditTwice() throws IOException {
		String sandboxPolicy = Files.readString(Path.of("jobs", "sandbox.yml"));
		assertThat(sandboxPolicy).contains("\nfail-on: none");
		Path none = work.resolve("none.yml");
		Files.writeString(none, sandboxPolicy);
		Path expired = work.resolve("expired.yml");
		Files.writeString(expired, sandboxPolicy.replace("\nfail-on: none", "\nfail-on: expired"));
		lenient = run(none, "first");
		strict = run(expired, "second");
	}

	private static AuditApp.Result run(Path policy, String reports) {
		return AuditApp.run("--sandbox", "--policy=" + policy, "--reports-dir=" + work.resolve(reports),
				"--audit.data-dir=" + work.resolve("data"), "--audit.sandbox.slow-probe-delay=2500ms");
	}

	@Test
	void failOnNoneExitsZero() {
		assertThat(lenient.exitCode()).as(lenient.output()).isZero();
	}

	@Test
	void failOnExpiredExitsThreeWhenExpiredOrWorseAccountsExist() {
		assertThat(strict.exitCode()).as(strict.output()).isEqualTo(3);
		assertThat(strict.output()).contains("accounts at or above fail-on EXPIRED");
	}

	@Test
	void secondRunIsComparedWithTheFirst() throws IOException {
		JsonNode first = summary("first");
		JsonNode second = summary("second");
		assertThat(first.get("changes").get("previous_run").isNull()).isTrue();
		assertThat(second.get("changes").get("previous_run").asString()).isEqualTo(first.get("run_id").asString());
		// the sandbox fleet is deterministic: what was broken stays broken
		assertThat(second.get("changes").get("persisting").asLong()).isPositive();
		// every problem finding of the first run is either resolved or persisting in the
		// second
		assertThat(second.get("changes").get("resolved").asLong() + second.get("changes").get("persisting").asLong())
			.isEqualTo(first.get("changes").get("new").asLong());
		assertThat(second.get("api").get("calls").get("GET /api/v1/connected_accounts/auth").asLong())
			.isGreaterThanOrEqualTo(second.get("accounts").asLong());
		assertThat(Files.readString(work.resolve("second").resolve("latest").resolve("report.html")))
			.contains("last 2 runs");
	}

	private static JsonNode summary(String reports) {
		return JsonMapper.builder()
			.build()
			.readTree(work.resolve(reports).resolve("latest").resolve("summary.json").toFile());
	}

}
