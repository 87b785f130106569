package dev.healthaudit.command;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invalid configuration and input stop the command with exit code 2 and one clear
 * message, before any API call.
 */
class CommandLineIntegrationTests {

	@TempDir
	Path work;

	@Test
	void unknownPolicyKeyExitsTwoNamingFileLineAndKey() throws Exception {
		Path policy = Files.writeString(this.work.resolve("bad.yml"),
				Files.readString(Path.of("jobs", "sandbox.yml")).replace("concurrency: 16", "concurency: 16"));
		AuditApp.Result result = run("--sandbox", "--policy=" + policy);
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).contains(policy.toString()).contains("concurency").containsPattern("line \\d+");
		assertThat(result.output()).doesNotContain("starting run");
	}

	@Test
	void writeLikeProbeToolIsRefused() throws Exception {
		Path policy = Files.writeString(this.work.resolve("write.yml"), Files.readString(Path.of("jobs", "sandbox.yml"))
			.replace("tool: gmail_get_profile", "tool: gmail_send_email"));
		AuditApp.Result result = run("--sandbox", "--policy=" + policy);
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).contains("gmail_send_email").contains("read-only");
	}

	@Test
	void writeVerbRunTogetherWithItsObjectIsRefused() throws Exception {
		Path policy = Files.writeString(this.work.resolve("write.yml"), Files.readString(Path.of("jobs", "sandbox.yml"))
			.replace("tool: gmail_get_profile", "tool: gmail_sendmessage"));
		AuditApp.Result result = run("--sandbox", "--policy=" + policy);
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).containsPattern(java.util.regex.Pattern.quote(policy.toString())
				+ " line \\d+: connections.gmail.probe.tool 'gmail_sendmessage' looks like a write \\(token 'send'\\)");
	}

	@Test
	void rateLimitBeyondWhatTheLimiterCanDoExitsTwoNamingFileLineAndKey() throws Exception {
		Path policy = Files.writeString(this.work.resolve("fast.yml"),
				Files.readString(Path.of("jobs", "sandbox.yml")).replaceFirst("rate-limit: 20", "rate-limit: 1e12"));
		AuditApp.Result result = run("--sandbox", "--policy=" + policy);
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output())
			.containsPattern(java.util.regex.Pattern.quote(policy.toString())
					+ " line \\d+: invalid value '1.0E12' for 'connections.gmail.rate-limit'")
			.doesNotContain("token/nanosecond")
			.doesNotContain("starting run");
	}

	@Test
	void policyOfTenMegabytesIsRefusedBeforeParsing() throws Exception {
		Path policy = Files.writeString(this.work.resolve("big.yml"),
				Files.readString(Path.of("jobs", "sandbox.yml")) + "# " + "x".repeat(10 * 1024 * 1024) + "\n");
		long started = System.nanoTime();
		AuditApp.Result result = run("--sandbox", "--policy=" + policy);
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
			.isLessThan(java.time.Duration.ofSeconds(30));
		assertThat(result.output()).contains(policy + ": the policy file has " + Files.size(policy)
				+ " bytes; a policy may have at most 1048576 bytes (1 MiB)");
	}

	@Test
	void missingCredentialsExitTwo() {
		AuditApp.Result result = run("--policy=jobs/example.yml");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).contains("SCALEKIT_ENVIRONMENT_URL is not set");
	}

	@Test
	void inputWithoutRequiredColumnExitsTwoNamingFileAndLine() throws Exception {
		Path input = Files.writeString(this.work.resolve("in.csv"), "email,identifier\na@x.io,a@x.io\n");
		AuditApp.Result result = run("--sandbox", "--input=" + input);
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).contains(input + " line 1: missing column 'connection_name'");
	}

	@Test
	void noPolicyExitsTwo() {
		AuditApp.Result result = run();
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).contains("--policy");
	}

	@Test
	void badRowsAreRejectedAndTheRunGoesOn() throws Exception {
		Path input = Files.writeString(this.work.resolve("mixed.csv"), "identifier,connection_name,email\n"
				+ "usr_0001,github,a@x.io\n" + ",gmail,b@x.io\n" + "usr_0001,github,dup@x.io\n" + "x@x.io,notion,c\n");
		AuditApp.Result result = run("--sandbox", "--input=" + input);
		assertThat(result.exitCode()).as(result.output()).isZero();
		Path latest = this.work.resolve("reports/latest");
		assertThat(Files.readAllLines(latest.resolve("accounts.csv"))).hasSize(2);
		ReportChecks.assertAccountsExactly(latest, java.util.List.of("github/usr_0001"));
		assertThat(Files.readString(latest.resolve("rejects.csv"))).isEqualTo("line,reason,raw\r\n"
				+ "3,empty_identifier,\",gmail,b@x.io\"\r\n" + "4,duplicate of line 2,\"github,usr_0001\"\r\n"
				+ "5,unknown_connection: notion,\"x@x.io,notion,c\"\r\n");
	}

	private AuditApp.Result run(String... args) {
		String[] all = new String[args.length + 2];
		System.arraycopy(args, 0, all, 0, args.length);
		all[args.length] = "--reports-dir=" + this.work.resolve("reports");
		all[args.length + 1] = "--audit.data-dir=" + this.work.resolve("data");
		return AuditApp.run(all);
	}

}
