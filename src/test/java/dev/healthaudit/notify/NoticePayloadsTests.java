package dev.healthaudit.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.healthaudit.notify.RunNotice.ConnectionIncident;
import dev.healthaudit.notify.RunNotice.EnvironmentIncident;
import dev.healthaudit.notify.RunNotice.Figures;
import dev.healthaudit.notify.RunNotice.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

class NoticePayloadsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static RunNotice completedSandboxRun() {
		Figures figures = new Figures(200, 123, 40, 8, List.of(new ConnectionIncident("slack", "invalid_client", 12),
				new ConnectionIncident("outlook", "aadsts65001", 3)));
		return RunNotice.completed(Outcome.COMPLETED, "nightly", "nightly-20261124T020000Z", true, figures,
				"/app/reports/nightly-20261124T020000Z");
	}

	static RunNotice failedRun() {
		return RunNotice.failed(Outcome.FAILED, "nightly", Optional.of("nightly-20261124T020000Z"), false,
				"run nightly-20261124T020000Z did not complete: POST https://env.scalekit.dev/api/v1/connected_accounts"
						+ "/magic_link?link_token=abc123 answered 500 (Authorization: Bearer eyJhbGciOi.x.y)");
	}

	@Test
	void slackMessageHasTextAndBlocksWithTheHeadlineFigures() {
		JsonNode body = JSON.readTree(NoticePayloads.render(completedSandboxRun(), NoticeFormat.SLACK));
		assertThat(body.get("text").asString()).isEqualTo("Account health audit nightly completed [SANDBOX]: "
				+ "200 accounts, 61.5 % healthy, 40 needing user action, 8 inconclusive, 2 connection-level incidents");
		JsonNode blocks = body.get("blocks");
		assertThat(blocks.get(0).get("type").asString()).isEqualTo("header");
		assertThat(blocks.get(0).get("text").get("type").asString()).isEqualTo("plain_text");
		List<String> fields = new ArrayList<>();
		blocks.get(1).get("fields").forEach((field) -> fields.add(field.get("text").asString()));
		assertThat(fields).containsExactly("*Accounts*\n200", "*Healthy*\n61.5 %", "*Needing user action*\n40",
				"*Inconclusive*\n8", "*Connection-level incidents*\n2");
		assertThat(blocks.get(2).get("text").get("text").asString())
			.isEqualTo("*Connection-level incidents*\n• slack: invalid_client (12 accounts)\n"
					+ "• outlook: aadsts65001 (3 accounts)");
		String context = blocks.get(3).get("elements").get(0).get("text").asString();
		assertThat(context).contains("`nightly-20261124T020000Z`")
			.contains("`/app/reports/nightly-20261124T020000Z`")
			.contains("SANDBOX");
	}

	@Test
	void jsonDocumentHasTheFiguresUnderStableKeys() {
		JsonNode body = JSON.readTree(NoticePayloads.render(completedSandboxRun(), NoticeFormat.JSON));
		assertThat(body.get("event").asString()).isEqualTo("account_health_audit.run_finished");
		assertThat(body.get("outcome").asString()).isEqualTo("completed");
		assertThat(body.get("policy").asString()).isEqualTo("nightly");
		assertThat(body.get("sandbox").asBoolean()).isTrue();
		assertThat(body.get("accounts").asLong()).isEqualTo(200);
		assertThat(body.get("healthy_percent").asDouble()).isEqualTo(61.5);
		assertThat(body.get("needing_user_action").asLong()).isEqualTo(40);
		assertThat(body.get("inconclusive").asLong()).isEqualTo(8);
		assertThat(body.get("incidents").get(0).get("incident").asString()).isEqualTo("invalid_client");
		assertThat(body.get("reports").asString()).isEqualTo("/app/reports/nightly-20261124T020000Z");
		assertThat(body.get("failure").isNull()).isTrue();
	}

	@Test
	void failureNoticesCarryTheRedactedFailureLineAndNoFigures() {
		for (NoticeFormat format : NoticeFormat.values()) {
			String body = NoticePayloads.render(failedRun(), format);
			assertThat(body).contains("did not complete")
				.contains("https://env.scalekit.dev/…")
				.doesNotContain("magic_link")
				.doesNotContain("abc123")
				.doesNotContain("eyJhbGciOi");
		}
		JsonNode json = JSON.readTree(NoticePayloads.render(failedRun(), NoticeFormat.JSON));
		assertThat(json.get("outcome").asString()).isEqualTo("failed");
		assertThat(json.get("accounts").isNull()).isTrue();
		JsonNode slack = JSON.readTree(NoticePayloads.render(failedRun(), NoticeFormat.SLACK));
		assertThat(slack.get("text").asString()).startsWith("Account health audit nightly FAILED: run ");
	}

	static RunNotice environmentIncidentRun() {
		Figures figures = new Figures(200, 10, 0, 190, List.of(),
				Optional.of(new EnvironmentIncident("credentials_refused", 190,
						"The run could not audit most accounts: 190 of 200 (95.0 %) are INCONCLUSIVE because Scalekit "
								+ "refused this job's API credentials.")));
		return RunNotice.completed(Outcome.ENVIRONMENT_INCIDENT, "nightly", "nightly-20261124T020000Z", false, figures,
				"/app/reports/nightly-20261124T020000Z");
	}

	@Test
	void aRunLevelIncidentLeadsTheSlackMessage() {
		JsonNode body = JSON.readTree(NoticePayloads.render(environmentIncidentRun(), NoticeFormat.SLACK));
		assertThat(body.get("text").asString()).isEqualTo("Account health audit nightly completed, but COULD NOT AUDIT "
				+ "most accounts: The run could not audit most accounts: 190 of 200 (95.0 %) are INCONCLUSIVE "
				+ "because Scalekit refused this job's API credentials.");
		JsonNode blocks = body.get("blocks");
		assertThat(blocks.get(1).get("text").get("text").asString())
			.startsWith("*Most accounts could not be audited (credentials_refused)*\nThe run could not audit");
		assertThat(blocks.get(2).get("fields")).isNotEmpty();
	}

	@Test
	void aRunLevelIncidentIsInTheJsonDocument() {
		JsonNode body = JSON.readTree(NoticePayloads.render(environmentIncidentRun(), NoticeFormat.JSON));
		assertThat(body.get("outcome").asString()).isEqualTo("environment_incident");
		assertThat(body.get("environment_incident").get("incident").asString()).isEqualTo("credentials_refused");
		assertThat(body.get("environment_incident").get("accounts").asLong()).isEqualTo(190);
		assertThat(body.get("environment_incident").get("message").asString()).contains("190 of 200");
		JsonNode ordinary = JSON.readTree(NoticePayloads.render(completedSandboxRun(), NoticeFormat.JSON));
		assertThat(ordinary.get("environment_incident").isNull()).isTrue();
	}

	@Test
	void slackControlCharactersAreEscaped() {
		assertThat(NoticePayloads.escape("<!channel> & <https://x|y>"))
			.isEqualTo("&lt;!channel&gt; &amp; &lt;https://x|y&gt;");
	}

	@Test
	void healthyPercentIsAbsentWhenNothingWasAudited() {
		assertThat(new Figures(0, 0, 0, 0, List.of()).healthyPercent()).isEmpty();
	}

}
