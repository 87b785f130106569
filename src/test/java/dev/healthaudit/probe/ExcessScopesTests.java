package dev.healthaudit.probe;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ScopeComparison#excess}: least privilege with the same implication rules as the
 * scope comparison.
 */
class ExcessScopesTests {

	private static final String READONLY = "https://www.googleapis.com/auth/gmail.readonly";

	private static final String MODIFY = "https://www.googleapis.com/auth/gmail.modify";

	private static final String FULL = "https://mail.google.com/";

	@Test
	void aScopeNoRequiredScopeNeedsIsExcessInGrantedOrder() {
		assertThat(ScopeComparison.excess(List.of("read:user"), List.of("admin:org", "read:user", "gist")))
			.containsExactly("admin:org", "gist");
	}

	@Test
	void exactlyTheRequiredScopesHaveNoExcess() {
		assertThat(ScopeComparison.excess(List.of("a", "b"), List.of("b", "a"))).isEmpty();
	}

	@Test
	void aBroaderGrantThatIsTheOnlyCoverIsNeeded() {
		assertThat(ScopeComparison.excess(List.of(READONLY), List.of(FULL))).isEmpty();
		assertThat(ScopeComparison.excess(List.of("Mail.Read"), List.of("Mail.ReadWrite"))).isEmpty();
	}

	@Test
	void aBroaderGrantNextToTheNarrowerOneIsExcess() {
		assertThat(ScopeComparison.excess(List.of(READONLY), List.of(READONLY, FULL))).containsExactly(FULL);
		assertThat(ScopeComparison.excess(List.of("Mail.Read"), List.of("Mail.ReadWrite", "Mail.Read")))
			.containsExactly("Mail.ReadWrite");
	}

	@Test
	void ofTwoCoveringGrantsTheNarrowerIsNeeded() {
		// gmail.modify covers read-only and is covered by full access
		assertThat(ScopeComparison.excess(List.of(READONLY), List.of(FULL, MODIFY))).containsExactly(FULL);
	}

	@Test
	void aGrantCoveringSeveralRequiredScopesIsNeededByAny() {
		assertThat(ScopeComparison.excess(List.of("repo:status", "public_repo"), List.of("repo", "public_repo")))
			.as("repo is still the narrowest cover of repo:status")
			.isEmpty();
	}

	@Test
	void withNothingRequiredEveryGrantIsExcess() {
		assertThat(ScopeComparison.excess(List.of(), List.of("a", "a", "b"))).containsExactly("a", "b");
	}

}
