package dev.healthaudit.result;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

import dev.healthaudit.finding.Finding;
import dev.healthaudit.probe.AuditResult;
import dev.healthaudit.probe.Evidence;
import dev.healthaudit.scalekit.AuthorizationLink;

/**
 * The columns of {@code audit_result}: an {@link AuditResult} as the parameters of
 * {@link #INSERT}, and a row read back as a {@link ResultRow}. Lists are stored
 * {@code ;}-separated, the input's extra columns as JSON.
 */
final class ResultRows {

	static final String INSERT = "insert into audit_result (run_id, connection_name, identifier, input_line, "
			+ "account_id, status, health, findings, missing_scopes, granted_scopes, probe_tool, probe_outcome, "
			+ "http_status, error_code, detail, recommended_action, incident, checked_at, extras, authorization_link, "
			+ "link_expires_at, last_used_at) values (:runId, :connectionName, :identifier, :line, :accountId, "
			+ ":status, :health, :findings, :missingScopes, :grantedScopes, :probeTool, :probeOutcome, :httpStatus, "
			+ ":errorCode, :detail, :recommendedAction, :incident, :checkedAt, :extras, :authorizationLink, "
			+ ":linkExpiresAt, :lastUsedAt)";

	private static final String LIST_SEPARATOR = ";";

	private static final TypeReference<LinkedHashMap<String, String>> EXTRAS = new TypeReference<>() {
	};

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * The parameters of {@link #INSERT}; the optional columns typed, so that their nulls
	 * need no lookup.
	 */
	SqlParameterSource parameters(String runId, AuditResult result) {
		Evidence evidence = result.verdict().evidence();
		Optional<AuthorizationLink> link = result.authorizationLink();
		return new MapSqlParameterSource().addValue("runId", runId)
			.addValue("connectionName", result.account().connectionName())
			.addValue("identifier", result.account().identifier())
			.addValue("line", result.account().line())
			.addValue("accountId", result.accountId())
			.addValue("status", result.status())
			.addValue("health", result.health().name())
			.addValue("findings", join(result.verdict().findings().stream().map(Finding::name).toList()))
			.addValue("missingScopes", join(result.missingScopes()))
			.addValue("grantedScopes", join(result.grantedScopes()))
			.addValue("probeTool", result.probeTool())
			.addValue("probeOutcome", result.probeOutcome().name())
			.addValue("httpStatus", evidence.httpStatus())
			.addValue("errorCode", evidence.errorCode())
			.addValue("detail", result.detail())
			.addValue("recommendedAction", result.verdict().recommendedAction())
			.addValue("incident", result.incident())
			.addValue("checkedAt", Timestamp.from(result.checkedAt()))
			.addValue("extras", this.json.writeValueAsString(result.account().extras()))
			.addValue("authorizationLink", link.map(AuthorizationLink::link).orElse(null), Types.VARCHAR)
			.addValue("linkExpiresAt", link.map((value) -> Timestamp.from(value.expiry())).orElse(null),
					Types.TIMESTAMP)
			.addValue("lastUsedAt", result.lastUsedAt().map(Timestamp::from).orElse(null), Types.TIMESTAMP);
	}

	/**
	 * @param history the row's history, when the query read it; else the history it
	 * starts
	 */
	ResultRow read(ResultSet rs, Optional<RowHistory> history) throws SQLException {
		Timestamp linkExpiry = rs.getTimestamp("link_expires_at");
		Instant checkedAt = rs.getTimestamp("checked_at").toInstant();
		Finding health = Finding.valueOf(rs.getString("health"));
		return new ResultRow(rs.getString("connection_name"), rs.getString("identifier"), rs.getLong("input_line"),
				rs.getString("account_id"), rs.getString("status"), health,
				split(rs.getString("findings")).stream().map(Finding::valueOf).toList(),
				split(rs.getString("missing_scopes")), split(rs.getString("granted_scopes")),
				rs.getString("probe_tool"), rs.getString("probe_outcome"), rs.getInt("http_status"),
				rs.getString("error_code"), rs.getString("detail"), rs.getString("recommended_action"),
				rs.getString("incident"), checkedAt, this.json.readValue(rs.getString("extras"), EXTRAS),
				Optional.ofNullable(rs.getString("authorization_link")),
				Optional.ofNullable(linkExpiry).map(Timestamp::toInstant),
				history.orElseGet(() -> RowHistory.startingAt(checkedAt, health.userMustAct())));
	}

	private static String join(List<String> values) {
		return String.join(LIST_SEPARATOR, values);
	}

	private static List<String> split(@Nullable String value) {
		return (value == null || value.isEmpty()) ? List.of() : Arrays.asList(value.split(LIST_SEPARATOR, -1));
	}

}
