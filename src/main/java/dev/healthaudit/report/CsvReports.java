package dev.healthaudit.report;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.healthaudit.finding.Finding;
import dev.healthaudit.result.ResultRow;
import dev.healthaudit.result.ResultStore;

/**
 * Writes the CSV files of product §5 in one pass over the run's stored results, then the
 * rejects.
 */
public final class CsvReports {

	public static final List<String> ACCOUNT_COLUMNS = List.of("connection_name", "identifier", "account_id", "status",
			"health", "findings", "missing_scopes", "granted_scopes", "probe_tool", "probe_outcome", "http_status",
			"error_code", "detail", "recommended_action", "checked_at", "health_since", "previous_health");

	public static final List<String> CAMPAIGN_COLUMNS = List.of("connection_name", "identifier", "reason",
			"user_message", "authorization_link", "link_expires_at", "times_asked");

	public static final List<String> ACCESS_REVIEW_COLUMNS = List.of("connection_name", "identifier", "account_id",
			"status", "granted_scopes", "excess_scopes", "last_used_at", "unused_days");

	public static final List<String> REJECT_COLUMNS = List.of("line", "reason", "raw");

	private final ResultStore store;

	private final AccessReviewPolicy review;

	public CsvReports(ResultStore store) {
		this(store, AccessReviewPolicy.unknown());
	}

	public CsvReports(ResultStore store, AccessReviewPolicy review) {
		this.store = store;
		this.review = review;
	}

	/** Row counts per file name. */
	public record Written(Map<String, Long> rows) {
	}

	public Written write(String runId, List<String> extraColumns, Path directory) {
		return write(runId, extraColumns, directory, (row) -> {
		});
	}

	/**
	 * @param observer sees every result as it is written (for counts taken from the same
	 * pass)
	 */
	Written write(String runId, List<String> extraColumns, Path directory, Consumer<ResultRow> observer) {
		List<String> accountHeader = withExtras(ACCOUNT_COLUMNS, extraColumns);
		try (CsvTable accounts = CsvTable.create(directory.resolve("accounts.csv"), accountHeader);
				CsvTable findings = CsvTable.create(directory.resolve("findings.csv"), accountHeader);
				CsvTable expired = CsvTable.create(directory.resolve("expired.csv"), accountHeader);
				CsvTable disconnected = CsvTable.create(directory.resolve("disconnected.csv"), accountHeader);
				CsvTable underScoped = CsvTable.create(directory.resolve("under-scoped.csv"), accountHeader);
				CsvTable campaign = CsvTable.createPrivate(directory.resolve("reauth-campaign.csv"),
						withExtras(CAMPAIGN_COLUMNS, extraColumns));
				CsvTable accessReview = CsvTable.create(directory.resolve("access-review.csv"),
						withExtras(ACCESS_REVIEW_COLUMNS, extraColumns))) {
			AccessReview review = new AccessReview(this.review);
			this.store.forEachResult(runId, (row) -> {
				observer.accept(row);
				List<String> cells = accountCells(row, extraColumns);
				accounts.row(cells);
				if (row.health().isProblem()) {
					findings.row(cells);
				}
				if (row.findings().contains(Finding.EXPIRED)) {
					expired.row(cells);
				}
				if (row.findings().contains(Finding.DISCONNECTED)) {
					disconnected.row(cells);
				}
				if (row.findings().contains(Finding.UNDER_SCOPED)) {
					underScoped.row(cells);
				}
				if (row.health().userMustAct()) {
					campaign.row(campaignCells(row, extraColumns));
				}
				if (AccessReview.reviews(row)) {
					List<String> reviewCells = review.cells(row);
					addExtras(reviewCells, row, extraColumns);
					accessReview.row(reviewCells);
				}
			});
			long rejects;
			try (CsvTable rejected = CsvTable.create(directory.resolve("rejects.csv"), REJECT_COLUMNS)) {
				this.store.forEachReject(runId,
						(reject) -> rejected.row(List.of(Long.toString(reject.line()), reject.reason(), reject.raw())));
				rejects = rejected.rows();
			}
			return new Written(Map.of("accounts.csv", accounts.rows(), "findings.csv", findings.rows(), "expired.csv",
					expired.rows(), "disconnected.csv", disconnected.rows(), "under-scoped.csv", underScoped.rows(),
					"reauth-campaign.csv", campaign.rows(), "rejects.csv", rejects, "access-review.csv",
					accessReview.rows()));
		}
	}

	static List<String> accountCells(ResultRow row, List<String> extraColumns) {
		List<String> cells = new ArrayList<>(ACCOUNT_COLUMNS.size() + extraColumns.size());
		cells.add(row.connectionName());
		cells.add(row.identifier());
		cells.add(row.accountId());
		cells.add(row.status());
		cells.add(row.health().name());
		cells.add(String.join(";", row.findings().stream().map(Finding::name).toList()));
		cells.add(String.join(";", row.missingScopes()));
		cells.add(String.join(";", row.grantedScopes()));
		cells.add(row.probeTool());
		cells.add(row.probeOutcome());
		cells.add((row.httpStatus() == 0) ? "" : Integer.toString(row.httpStatus()));
		cells.add(row.errorCode());
		cells.add(row.detail());
		cells.add(row.recommendedAction());
		cells.add(rfc3339(row.checkedAt()));
		cells.add(rfc3339(row.history().healthSince()));
		cells.add(row.history().previousHealth().map(Finding::name).orElse(""));
		addExtras(cells, row, extraColumns);
		return cells;
	}

	private static List<String> campaignCells(ResultRow row, List<String> extraColumns) {
		List<String> cells = new ArrayList<>(CAMPAIGN_COLUMNS.size() + extraColumns.size());
		cells.add(row.connectionName());
		cells.add(row.identifier());
		cells.add(row.health().name());
		cells.add(UserMessages.forRow(row));
		cells.add(row.authorizationLink().orElse(""));
		cells.add(row.linkExpiresAt().map(CsvReports::rfc3339).orElse(""));
		cells.add(Integer.toString(row.history().timesAsked()));
		addExtras(cells, row, extraColumns);
		return cells;
	}

	private static void addExtras(List<String> cells, ResultRow row, List<String> extraColumns) {
		for (String column : extraColumns) {
			cells.add(row.extras().getOrDefault(column, ""));
		}
	}

	private static List<String> withExtras(List<String> columns, List<String> extraColumns) {
		List<String> header = new ArrayList<>(columns);
		header.addAll(extraColumns);
		return header;
	}

	static String rfc3339(Instant instant) {
		return instant.truncatedTo(ChronoUnit.SECONDS).toString();
	}

}
