package dev.healthaudit.result;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The stores of the job's database, built together over one {@link JdbcTemplate}: runs,
 * results (with their history and figures) and deferrals.
 */
public final class Stores {

	/** Rows fetched per round trip when the reports stream a run's results. */
	private static final int FETCH_SIZE = 1000;

	private final RunStore runs;

	private final DeferralStore deferrals;

	private final ResultStore results;

	public Stores(DataSource dataSource) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		jdbc.setFetchSize(FETCH_SIZE);
		this.runs = new RunStore(jdbc);
		this.deferrals = new DeferralStore(jdbc);
		this.results = new ResultStore(jdbc, this.deferrals);
	}

	/** Runs, their shards and their API usage. */
	public RunStore runs() {
		return this.runs;
	}

	/** Results and rejects, their history and figures. */
	public ResultStore results() {
		return this.results;
	}

	/** Deferred accounts and the first pass's checkpoint. */
	public DeferralStore deferrals() {
		return this.deferrals;
	}

}
