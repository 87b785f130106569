package dev.healthaudit.result;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.healthaudit.finding.Finding;

/**
 * A stored account result, as the reports read it back. Values are plain, ready for
 * output columns.
 *
 * @param history what the runs before say about it ({@link RunHistory})
 */
public record ResultRow(String connectionName, String identifier, long line, String accountId, String status,
		Finding health, List<Finding> findings, List<String> missingScopes, List<String> grantedScopes,
		String probeTool, String probeOutcome, int httpStatus, String errorCode, String detail,
		String recommendedAction, String incident, Instant checkedAt, Map<String, String> extras,
		Optional<String> authorizationLink, Optional<Instant> linkExpiresAt, RowHistory history) {

	/** A row without stored history: its history starts with it. */
	public ResultRow(String connectionName, String identifier, long line, String accountId, String status,
			Finding health, List<Finding> findings, List<String> missingScopes, List<String> grantedScopes,
			String probeTool, String probeOutcome, int httpStatus, String errorCode, String detail,
			String recommendedAction, String incident, Instant checkedAt, Map<String, String> extras,
			Optional<String> authorizationLink, Optional<Instant> linkExpiresAt) {
		this(connectionName, identifier, line, accountId, status, health, findings, missingScopes, grantedScopes,
				probeTool, probeOutcome, httpStatus, errorCode, detail, recommendedAction, incident, checkedAt, extras,
				authorizationLink, linkExpiresAt, RowHistory.startingAt(checkedAt, health.userMustAct()));
	}

	@Override
	public String toString() {
		return "ResultRow[" + this.connectionName + "/" + this.identifier + " line " + this.line + " " + this.health
				+ "]";
	}

}
