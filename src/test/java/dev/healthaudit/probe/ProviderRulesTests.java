package dev.healthaudit.probe;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderRulesTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					invalid_client: client authentication failed                                   | invalid_client
					Client authentication failed                                                   | invalid_client
					AADSTS65001: The user or administrator has not consented to use the application | microsoft_admin_consent
					AADSTS50020: User account from identity provider does not exist in tenant      | microsoft_user_not_in_tenant
					Access blocked: admin_policy_enforced                                          | google_access_blocked
					This app isn't verified                                                        | google_access_blocked
					restricted_action: app installation requires workspace admin approval          | slack_approval
					""")
	void recognisesGuideFailures(String message, String rule) {
		assertThat(ProviderRules.match(message, "")).get().extracting(ProviderRule::id).isEqualTo(rule);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			Invalid Credentials
			Token has been expired or revoked
			Resource not accessible by integration
			""")
	void leavesGenericFailuresAlone(String message) {
		assertThat(ProviderRules.match(message, "UNAUTHORIZED")).isEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			line one\\nline two                                | line one line two
			see https://accounts.example.com/x?token=abc now    | see [url] now
			Bearer ya29.a0AfH6SMBx1234567890abcdefghijklmnop   | [redacted]
			""")
	void sanitizesProviderMessages(String raw, String expected) {
		assertThat(ProviderMessages.sanitize(raw.replace("\\n", "\n"))).isEqualTo(expected);
	}

	@org.junit.jupiter.api.Test
	void truncatesLongMessages() {
		assertThat(ProviderMessages.sanitize("x ".repeat(500))).hasSizeLessThanOrEqualTo(ProviderMessages.MAX_LENGTH);
	}

}
