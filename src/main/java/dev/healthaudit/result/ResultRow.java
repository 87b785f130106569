package dev.healthaudit.result;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.healthaudit.finding.Finding;

/** A stored account result, as the reports read it back. Values are plain, ready for output columns. */
public record ResultRow(String connectionName, String identifier, long line, String accountId, String status,
		Finding health, List<Finding> findings, List<String> missingScopes, List<String> grantedScopes,
		String probeTool, String probeOutcome, int httpStatus, String errorCode, String detail,
		String recommendedAction, String incident, Instant checkedAt, Map<String, String> extras,
		Optional<String> authorizationLink, Optional<Instant> linkExpiresAt) {

	@Override
	public String toString() {
		return "ResultRow[" + this.connectionName + "/" + this.identifier + " line " + this.line + " " + this.health
				+ "]";
	}

}
