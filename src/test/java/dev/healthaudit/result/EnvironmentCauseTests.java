package dev.healthaudit.result;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which stored results tell of the environment rather than of the account, and when they
 * make a run's incident.
 */
class EnvironmentCauseTests {

	@Test
	void accountReadRefusedWith401IsOurCredentialsRefused() {
		assertThat(EnvironmentCause.of("", "NOT_RUN", 401, "UNAUTHENTICATED"))
			.contains(EnvironmentCause.CREDENTIALS_REFUSED);
	}

	@Test
	void accountReadMetByServerErrorsOrNoAnswerIsTheApiUnavailable() {
		assertThat(EnvironmentCause.of("", "NOT_RUN", 503, "UNAVAILABLE")).contains(EnvironmentCause.API_UNAVAILABLE);
		assertThat(EnvironmentCause.of("", "NOT_RUN", 502, "")).contains(EnvironmentCause.API_UNAVAILABLE);
		assertThat(EnvironmentCause.of("", "NOT_RUN", 0, "")).as("connection refused, reset, timed out")
			.contains(EnvironmentCause.API_UNAVAILABLE);
		assertThat(EnvironmentCause.of("", "NOT_RUN", 200, "")).as("a proxy's page instead of the API's JSON")
			.contains(EnvironmentCause.API_UNAVAILABLE);
	}

	@Test
	void failuresOfTheProviderOrOfOneAccountAreNotTheEnvironment() {
		// a provider's 401 or outage passed on by Scalekit
		assertThat(EnvironmentCause.of("", "NOT_RUN", 401, "TOOL_ERROR")).isEmpty();
		assertThat(EnvironmentCause.of("", "NOT_RUN", 503, "TOOL_ERROR/unavailable")).isEmpty();
		// the account was read, then its probe failed: the provider's business
		assertThat(EnvironmentCause.of("ACTIVE", "INCONCLUSIVE", 0, "")).isEmpty();
		assertThat(EnvironmentCause.of("ACTIVE", "INCONCLUSIVE", 503, "UNAVAILABLE")).isEmpty();
		// the environment's rate limit and requests it refuses are not an outage
		assertThat(EnvironmentCause.of("", "NOT_RUN", 429, "RATE_LIMITED")).isEmpty();
		assertThat(EnvironmentCause.of("", "NOT_RUN", 400, "INVALID_ARGUMENT")).isEmpty();
		assertThat(EnvironmentCause.of("", "NOT_RUN", 403, "PERMISSION_DENIED")).isEmpty();
	}

	@Test
	void mostMeansMoreThanHalfOfTheAuditedAccountsAndAtLeastAHandful() {
		assertThat(EnvironmentIncident.of(Map.of(EnvironmentCause.CREDENTIALS_REFUSED, 101L), 200))
			.contains(new EnvironmentIncident(EnvironmentCause.CREDENTIALS_REFUSED, 101, 200));
		assertThat(EnvironmentIncident.of(Map.of(EnvironmentCause.CREDENTIALS_REFUSED, 100L), 200)).as("half")
			.isEmpty();
		assertThat(EnvironmentIncident.of(Map.of(EnvironmentCause.API_UNAVAILABLE, 4L), 4)).as("too few accounts")
			.isEmpty();
		assertThat(EnvironmentIncident.of(Map.of(EnvironmentCause.API_UNAVAILABLE, 5L), 5))
			.map(EnvironmentIncident::code)
			.contains("api_unavailable");
		assertThat(EnvironmentIncident.of(Map.of(), 0)).isEqualTo(Optional.empty());
	}

	@Test
	void messageGivesTheCountsAndTheCause() {
		EnvironmentIncident incident = new EnvironmentIncident(EnvironmentCause.CREDENTIALS_REFUSED, 1800, 2000);
		assertThat(incident.message()).isEqualTo("The run could not audit most accounts: 1,800 of 2,000 (90.0 %) are "
				+ "INCONCLUSIVE because Scalekit refused this job's API credentials (HTTP 401 for its access token, "
				+ "also after renewing it). Their results say nothing about the accounts themselves.");
		assertThat(incident.action()).contains("SCALEKIT_CLIENT_SECRET");
	}

}
