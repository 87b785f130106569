package dev.healthaudit.scalekit;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.NullUnmarked;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A page of {@code GET /api/v1/connected_accounts}. {@code total_size} is kept as sent
 * and read leniently (a missing or unreadable count is 0), since it only informs
 * progress.
 */
@JsonNaming(SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@NullUnmarked
record AccountListAnswer(@JsonAlias("connectedAccounts") List<AccountPayload> connectedAccounts,
		@JsonAlias("totalSize") JsonNode totalSize, @JsonAlias("nextPageToken") String nextPageToken) {

	AccountPage page() {
		List<ConnectedAccount> accounts = (this.connectedAccounts != null) ? this.connectedAccounts.stream()
			.map((account) -> Objects.requireNonNullElse(account, AccountPayload.ABSENT).toConnectedAccount())
			.toList() : List.of();
		return new AccountPage(accounts, (this.totalSize != null) ? this.totalSize.asLong(0) : 0,
				ServerValues.text(this.nextPageToken));
	}

}
