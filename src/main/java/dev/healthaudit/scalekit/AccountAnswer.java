package dev.healthaudit.scalekit;

import org.jspecify.annotations.NullUnmarked;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/** The answer of {@code GET /api/v1/connected_accounts/auth}. */
@JsonNaming(SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@NullUnmarked
record AccountAnswer(@JsonAlias("connectedAccount") AccountPayload connectedAccount) {

	/**
	 * The account; one the answer left out reads as an account whose fields are all
	 * empty.
	 */
	ConnectedAccount account() {
		return ((this.connectedAccount != null) ? this.connectedAccount : AccountPayload.ABSENT).toConnectedAccount();
	}

}
