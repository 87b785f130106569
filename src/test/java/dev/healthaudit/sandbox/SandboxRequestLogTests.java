package dev.healthaudit.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request log: one line per request with the account it names, for following accounts
 * across processes.
 */
class SandboxRequestLogTests {

	@Test
	void logsEveryRequestWithItsAccountAndStatusAsItIsAnswered(@TempDir Path directory) throws Exception {
		Path log = directory.resolve("requests.csv");
		MutableClock clock = new MutableClock(Instant.parse("2026-11-28T03:00:00Z"));
		SandboxSettings settings = SandboxSettings.defaults().withRequestsPerMinute(60).withRequestLog(log);
		long epoch = clock.millis();
		SandboxAccount account;
		try (SandboxServer server = SandboxServer.start(settings, clock)) {
			TestHttp http = new TestHttp(server);
			account = server.fleet().withScenario(Scenario.HEALTHY).get(0);
			http.auth(account);
			http.probe(account);
			clock.advance(java.time.Duration.ofSeconds(1));
			http.post("/api/v1/execute_tool", "{\"tool_name\":\"" + account.connection().probeTool()
					+ "\",\"connected_account_id\":\"" + account.id() + "\"}");
			http.post("/api/v1/execute_tool", "{not json");
		}
		List<String> lines = Files.readAllLines(log);
		String connector = account.connector();
		String identifier = account.identifier();
		assertThat(lines).containsExactly("arrival_ms,answered_ms,method,path,connector,identifier,status",
				epoch + "," + epoch + ",POST,/oauth/token,,,200",
				epoch + "," + epoch + ",GET,/api/v1/connected_accounts/auth," + connector + "," + identifier + ",200",
				epoch + "," + epoch + ",POST,/api/v1/execute_tool," + connector + "," + identifier + ",429",
				(epoch + 1000) + "," + (epoch + 1000) + ",POST,/api/v1/execute_tool,," + account.id() + ",200",
				(epoch + 1000) + "," + (epoch + 1000) + ",POST,/api/v1/execute_tool,,,429");
	}

	@Test
	void quotesCellsThatNeedIt() {
		assertThat(RequestLog.subject("GET", "connector=gmail&identifier=a%2Cb%22c", "")).containsExactly("gmail",
				"a,b\"c");
		assertThat(RequestLog.subject("GET", "connector=gmail&identifier=%zz", "")).as("malformed: blank")
			.containsExactly("", "");
	}

}
