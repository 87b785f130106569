package dev.healthaudit.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A policy whose source is the Scalekit list API: every listed account is audited once, nothing else. */
class ScalekitSourceIntegrationTests {

	@TempDir
	Path work;

	@Test
	void auditsEveryListedAccountOfTheChosenConnections() throws Exception {
		String policy = Files.readString(Path.of("jobs", "sandbox.yml"))
			.replace("source: { type: csv, path: jobs/sandbox-accounts.csv }",
					"source: { type: scalekit, connection-names: [gmail, github] }");
		assertThat(policy).contains("type: scalekit");
		Path policyFile = Files.writeString(this.work.resolve("listed.yml"), policy);
		AuditApp.Result result = AuditApp.run("--sandbox", "--policy=" + policyFile,
				"--reports-dir=" + this.work.resolve("reports"), "--audit.data-dir=" + this.work.resolve("data"),
				"--audit.sandbox.accounts=60", "--audit.sandbox.slow-probe-delay=10ms");
		assertThat(result.exitCode()).as(result.output()).isZero();
		List<String> lines = Files.readAllLines(this.work.resolve("reports/latest/accounts.csv"));
		assertThat(lines.get(0)).endsWith("checked_at,account_id,provider");
		List<String> rows = lines.subList(1, lines.size());
		assertThat(rows).isNotEmpty()
			.allSatisfy((row) -> assertThat(row).matches("^(gmail|github),.*"))
			.noneSatisfy((row) -> assertThat(row).contains(",NOT_FOUND,"));
		assertThat(rows).doesNotHaveDuplicates();
	}

}
