package dev.healthaudit.command;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.healthaudit.sandbox.SandboxServer;
import dev.healthaudit.sandbox.SandboxSettings;
import dev.healthaudit.sandbox.SandboxTotals;
import dev.healthaudit.support.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three shard processes of one run over one PostgreSQL and one Scalekit (the sandbox): every account is audited exactly
 * once across them, one report covers the whole run, and together they stay within the environment budget.
 */
class ShardedRunIntegrationTests {

	private static final int BUDGET_PER_MINUTE = 1800;

	@TempDir
	Path work;

	@Test
	void threeShardsAuditEveryAccountOnceWithinOneBudget() throws Exception {
		// The sandbox refuses more than 60 requests/s (with a burst of 6): shards that each spent the whole budget of
		// 30/s would send 90/s together and be refused again and again; shards sharing it stay well below.
		try (SandboxServer sandbox = SandboxServer
			.start(SandboxSettings.defaults().withLatency(Duration.ofMillis(20)).withRequestsPerMinute(3600)
				.withSlowProbeDelay(Duration.ofMillis(10)))) {
			Path input = this.work.resolve("accounts.csv");
			sandbox.fleet().writeInputCsv(input);
			Path policy = this.work.resolve("sharded.yml");
			Files.writeString(policy, Files.readString(Path.of("jobs", "sandbox.yml"))
				.replace("requests-per-minute: 6000", "requests-per-minute: " + BUDGET_PER_MINUTE));
			List<String> database = TestPostgres.newDatabaseArguments();
			List<ChildJvm> shards = new ArrayList<>();
			for (int index = 0; index < 3; index++) {
				List<String> args = new ArrayList<>(List.of("--policy=" + policy, "--input=" + input,
						"--reports-dir=reports", "--audit.data-dir=data-" + index, "--shard=" + index + "/3",
						"--run-key=nightly", "--SCALEKIT_ENVIRONMENT_URL=" + sandbox.baseUrl(),
						"--SCALEKIT_CLIENT_ID=" + sandbox.settings().clientId(),
						"--SCALEKIT_CLIENT_SECRET=" + sandbox.settings().clientSecret()));
				args.addAll(database);
				shards.add(ChildJvm.start(this.work, args.toArray(String[]::new)));
			}
			for (ChildJvm shard : shards) {
				assertThat(shard.awaitExit(Duration.ofSeconds(180))).as(shard.output()).isZero();
			}
			assertThat(shards).filteredOn((shard) -> shard.output().contains("Reports: ")).hasSize(1);

			Path reports = this.work.resolve("reports/sandbox-nightly");
			List<CSVRecord> rows = read(reports.resolve("accounts.csv"));
			Set<String> keys = new HashSet<>();
			rows.forEach((row) -> assertThat(keys.add(row.get("connection_name") + "/" + row.get("identifier")))
				.as("audited once: " + row)
				.isTrue());
			assertThat(rows).hasSize(sandbox.fleet().accounts().size() + sandbox.fleet().unknownIdentifiers().size());
			assertThat(read(reports.resolve("rejects.csv"))).hasSize(sandbox.fleet().badRows().size());

			SandboxTotals totals = sandbox.totals();
			assertThat(totals.environmentRateLimited()).as(totals.describe()).isZero();
			double seconds = Duration
				.between(totals.firstRequest().orElseThrow(), totals.lastRequest().orElseThrow())
				.toMillis() / 1000.0;
			double perMinute = totals.totalRequests() / seconds * 60;
			System.out.printf("sharded run: 3 shards, %d accounts, %d requests in %.1f s = %.0f requests/min "
					+ "(budget %d, ratio %.2f), environment 429s %d%n", rows.size(), totals.totalRequests(), seconds,
					perMinute, BUDGET_PER_MINUTE, perMinute / BUDGET_PER_MINUTE, totals.environmentRateLimited());
			assertThat(perMinute).as(totals.describe()).isLessThanOrEqualTo(BUDGET_PER_MINUTE * 1.05);
		}
	}

	private static List<CSVRecord> read(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
		}
	}

}
