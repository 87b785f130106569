package dev.healthaudit.result;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.healthaudit.account.AccountRef;
import dev.healthaudit.probe.AuditResult;

/**
 * One shard's results as they finish, made durable within about a second
 * ({@link #FLUSH_INTERVAL_MILLIS}) by a background writer, apart from the chunk
 * transactions that store them for good: a crash then repeats only the accounts in
 * flight, however long a chunk takes. A restart takes a journaled account's result
 * instead of auditing it again ({@link #recovered}). Thread-safe: workers {@link #record}
 * results, the chunk writer {@link #forget}s the ones it stored, in its transaction.
 */
public final class ResultJournal implements AutoCloseable {

	/**
	 * How often results are committed: well within the few seconds a crash may repeat
	 * (product §6).
	 */
	public static final long FLUSH_INTERVAL_MILLIS = 1000;

	private static final Logger logger = LoggerFactory.getLogger(ResultJournal.class);

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final String runId;

	private final String shard;

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<AuditResult> pending = new ArrayList<>();

	private final Map<Key, AuditResult> recovered = new ConcurrentHashMap<>();

	private @Nullable ScheduledExecutorService writer;

	ResultJournal(JdbcTemplate jdbc, PlatformTransactionManager transactions, String runId, String shard) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactions);
		this.runId = runId;
		this.shard = shard;
	}

	/**
	 * Loads what an earlier process of the run journaled and did not store (the accounts
	 * it had finished when it stopped), and starts committing new results every
	 * {@link #FLUSH_INTERVAL_MILLIS}.
	 * @return how many results were recovered
	 */
	public synchronized int open() {
		this.jdbc.query("select input_line, connection_name, identifier, outcome from audit_journal j where run_id = ? "
				+ "and shard = ? and not exists (select 1 from audit_result r where r.run_id = j.run_id and "
				+ "r.input_line = j.input_line and r.connection_name = j.connection_name and r.identifier = "
				+ "j.identifier) and not exists (select 1 from audit_reject x where x.run_id = j.run_id and "
				+ "x.input_line = j.input_line)", (rs) -> {
					Key key = new Key(rs.getLong(1), rs.getString(2), rs.getString(3));
					JournalEntry entry = this.json.readValue(rs.getString(4), JournalEntry.class);
					this.recovered.put(key, entry.toResult(key.connectionName(), key.identifier(), key.line()));
				}, this.runId, this.shard);
		if (!this.recovered.isEmpty()) {
			logger.info("{} accounts audited before the restart were journaled: their results are kept, not audited "
					+ "again", this.recovered.size());
		}
		Map<String, String> context = MDC.getCopyOfContextMap();
		this.writer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(() -> {
				if (context != null) {
					MDC.setContextMap(context);
				}
				task.run();
			}, "result-journal");
			thread.setDaemon(true);
			return thread;
		});
		this.writer.scheduleWithFixedDelay(this::flushQuietly, FLUSH_INTERVAL_MILLIS, FLUSH_INTERVAL_MILLIS,
				TimeUnit.MILLISECONDS);
		return this.recovered.size();
	}

	/**
	 * The result an earlier process of the run journaled for this account, taken out of
	 * the journal's memory.
	 */
	public Optional<AuditResult> takeRecovered(AccountRef account) {
		return Optional
			.ofNullable(this.recovered.remove(new Key(account.line(), account.connectionName(), account.identifier())));
	}

	/** Queues a finished result for the next commit. */
	public void record(AuditResult result) {
		synchronized (this.pending) {
			this.pending.add(result);
		}
	}

	/**
	 * Deletes the rows of accounts a chunk stores for good; in the caller's (chunk)
	 * transaction.
	 */
	public void forget(Collection<Long> lines) {
		if (lines.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate("delete from audit_journal where run_id = ? and shard = ? and input_line = ?",
				new ArrayList<>(lines), lines.size(), (ps, line) -> {
					ps.setString(1, this.runId);
					ps.setString(2, this.shard);
					ps.setLong(3, line);
				});
	}

	/** Commits the results queued so far, in one transaction. */
	public void flush() {
		List<AuditResult> batch;
		synchronized (this.pending) {
			if (this.pending.isEmpty()) {
				return;
			}
			batch = new ArrayList<>(this.pending);
			this.pending.clear();
		}
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.batchUpdate("delete from audit_journal where run_id = ? and shard = ? and input_line = ?", batch,
					batch.size(), (ps, result) -> {
						ps.setString(1, this.runId);
						ps.setString(2, this.shard);
						ps.setLong(3, result.account().line());
					});
			this.jdbc.batchUpdate("insert into audit_journal (run_id, shard, input_line, connection_name, identifier, "
					+ "outcome) values (?, ?, ?, ?, ?, ?)", batch, batch.size(), (ps, result) -> {
						ps.setString(1, this.runId);
						ps.setString(2, this.shard);
						ps.setLong(3, result.account().line());
						ps.setString(4, result.account().connectionName());
						ps.setString(5, result.account().identifier());
						ps.setString(6, this.json.writeValueAsString(JournalEntry.of(result)));
					});
		});
	}

	private void flushQuietly() {
		try {
			flush();
		}
		catch (RuntimeException ex) {
			// the chunk transaction stores these results anyway; only a crash before it
			// would repeat them
			logger.warn("could not journal finished results ({}); they are stored with their chunk", ex.toString());
		}
	}

	/** Deletes the shard's journal: its results are all stored. */
	public void clear() {
		synchronized (this.pending) {
			this.pending.clear();
		}
		this.jdbc.update("delete from audit_journal where run_id = ? and shard = ?", this.runId, this.shard);
	}

	/**
	 * Stops the background writer after committing what is queued (a stopping process
	 * keeps its finished work).
	 */
	@Override
	public synchronized void close() {
		if (this.writer != null) {
			// never interrupt the writer: an H2 file channel interrupted mid-write closes
			// the whole database
			this.writer.shutdown();
			try {
				if (!this.writer.awaitTermination(30, TimeUnit.SECONDS)) {
					logger.warn("the result journal's writer did not finish within 30 s");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.writer = null;
		}
		flushQuietly();
	}

	private record Key(long line, String connectionName, String identifier) {
	}

}
