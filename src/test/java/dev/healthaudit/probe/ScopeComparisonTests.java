package dev.healthaudit.probe;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScopeComparisonTests {

	private static final String READONLY = "https://www.googleapis.com/auth/gmail.readonly";

	@Test
	void reportsExactlyTheMissingScopesInRequiredOrder() {
		assertThat(ScopeComparison.missing(List.of("a", "b", "c"), List.of("b"))).containsExactly("a", "c");
	}

	@Test
	void nothingMissingWhenAllGranted() {
		assertThat(ScopeComparison.missing(List.of("a", "b"), List.of("b", "a", "z"))).isEmpty();
	}

	@Test
	void gmailFullAccessCoversReadOnly() {
		assertThat(ScopeComparison.missing(List.of(READONLY), List.of("https://mail.google.com/"))).isEmpty();
	}

	@Test
	void microsoftReadWriteCoversRead() {
		assertThat(ScopeComparison.missing(List.of("Mail.Read", "Files.Read.All"),
				List.of("Mail.ReadWrite", "Files.ReadWrite.All")))
			.isEmpty();
	}

	@Test
	void readDoesNotCoverReadWrite() {
		assertThat(ScopeComparison.missing(List.of("Mail.ReadWrite"), List.of("Mail.Read")))
			.containsExactly("Mail.ReadWrite");
	}

	@Test
	void narrowerDoesNotCoverBroader() {
		assertThat(ScopeComparison.missing(List.of("https://mail.google.com/"), List.of(READONLY)))
			.containsExactly("https://mail.google.com/");
	}

	@Test
	void githubRepoCoversPublicRepo() {
		assertThat(ScopeComparison.missing(List.of("public_repo"), List.of("repo"))).isEmpty();
	}

}
