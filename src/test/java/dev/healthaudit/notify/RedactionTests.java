package dev.healthaudit.notify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTests {

	@Test
	void urlsKeepSchemeAndHostOnly() {
		assertThat(Redaction.line("posting to https://hooks.slack.com/services/T0/B0/secret failed"))
			.isEqualTo("posting to https://hooks.slack.com/… failed");
		assertThat(Redaction.line("cannot reach Scalekit at http://127.0.0.1:8080: connection refused"))
			.isEqualTo("cannot reach Scalekit at http://127.0.0.1:8080: connection refused");
		assertThat(Redaction.line("at https://user:pw@host.example/x?y=1")).isEqualTo("at https://host.example/…");
	}

	@Test
	void credentialsAreBlanked() {
		assertThat(Redaction.line("client_secret=s3cr3t&grant_type=x")).isEqualTo("client_secret=…&grant_type=x");
		assertThat(Redaction.line("Authorization: Bearer abc.def.ghi")).isEqualTo("Authorization: Bearer …");
		assertThat(Redaction.line("refresh_token: 1//0abc")).isEqualTo("refresh_token: …");
	}

	@Test
	void oneLineOfBoundedLength() {
		assertThat(Redaction.line("first\nsecond")).isEqualTo("first");
		assertThat(Redaction.line("x".repeat(2000))).hasSize(Redaction.MAX_LENGTH);
	}

}
