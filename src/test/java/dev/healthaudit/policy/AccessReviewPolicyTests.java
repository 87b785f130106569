package dev.healthaudit.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The policy key {@code access-review: { unused-after: 90d }}. */
class AccessReviewPolicyTests {

	private static final String POLICY = """
			name: nightly
			source: { type: csv, path: accounts.csv }
			connections:
			  gmail:
			    probe: { tool: gmail_get_profile }
			""";

	@TempDir
	Path directory;

	@Test
	void withoutTheKeyAGrantIsUnusedAfterNinetyDays() throws IOException {
		assertThat(load(POLICY).accessReview().unusedAfter()).isEqualTo(Duration.ofDays(90));
	}

	@Test
	void theLimitIsADuration() throws IOException {
		assertThat(load(POLICY + "access-review: { unused-after: 30d }\n").accessReview().unusedAfter())
			.isEqualTo(Duration.ofDays(30));
		assertThat(load(POLICY + "access-review:\n  unused-after: 36h\n").accessReview().unusedAfter())
			.isEqualTo(Duration.ofHours(36));
	}

	@Test
	void anUnknownKeyOrAnInvalidValueIsRefusedNamingTheKey() throws IOException {
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(() -> load(POLICY + "access-review: { unused-for: 30d }\n"))
			.withMessageContaining("access-review.unused-for");
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(() -> load(POLICY + "access-review: { unused-after: soon }\n"))
			.withMessageContaining("access-review.unused-after");
	}

	@Test
	void aBareNumberIsMilliseconds() throws IOException {
		assertThat(load(POLICY + "access-review: { unused-after: 100000 }\n").accessReview().unusedAfter())
			.isEqualTo(Duration.ofSeconds(100));
	}

	@Test
	void aLimitUnderASecondIsRefused() throws IOException {
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(() -> load(POLICY + "access-review: { unused-after: 0s }\n"))
			.withMessageContaining("line 6: invalid value '0s' for 'access-review.unused-after'");
	}

	private AuditPolicy load(String yaml) throws IOException {
		Path file = this.directory.resolve("policy.yml");
		Files.writeString(file, yaml);
		return PolicyLoader.load(file, Map.of());
	}

}
