package dev.healthaudit.account;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import dev.healthaudit.policy.JdbcSourceRules;

/**
 * Accounts from a SQL query against the team's own database. The query returns
 * {@code identifier} and {@code connection_name} columns (case-insensitive;
 * {@code connector} and {@code connection} accepted) and any others to carry through.
 * Rows are streamed with a fetch size, never loaded at once. A restart runs the query
 * again and skips the rows already handled, so the query should have a stable order
 * ({@code ORDER BY}). Records are numbered by row (1 = first row).
 *
 * <p>
 * Only reads: the URL and query must pass {@link JdbcSourceRules} (checked with the
 * policy, and again here), the connection is read-only (PostgreSQL runs the query in a
 * {@code READ ONLY} transaction) and bounded in time (connect, socket and query timeouts,
 * unless the URL sets its own), so a database that stops answering fails the run instead
 * of hanging it. A database that cannot be reached is a
 * {@link SourceUnavailableException} (try again later), anything else an
 * {@link InvalidInputException} (fix the policy). No message carries a password.
 */
public final class JdbcAccountSource implements AccountSource {

	private static final int FETCH_SIZE = 500;

	/** How long the database may take to accept a connection, in seconds. */
	static final int CONNECT_TIMEOUT_SECONDS = 10;

	/**
	 * How long the database may take to answer any one request (a fetch of rows
	 * included), in seconds.
	 */
	static final int SOCKET_TIMEOUT_SECONDS = 600;

	/** How long the query may run before its first rows, in seconds. */
	static final int QUERY_TIMEOUT_SECONDS = 600;

	private final String url;

	private final @Nullable String password;

	private final Connection connection;

	private final Statement statement;

	private final ResultSet rows;

	private final Predicate<String> knownConnection;

	private final int identifierColumn;

	private final int connectionColumn;

	private final Map<Integer, String> extraColumns = new LinkedHashMap<>();

	private List<String> droppedColumns = List.of();

	private long position;

	/**
	 * Runs {@code query} and reads the names of its columns.
	 * @throws InvalidInputException when the URL or query breaks {@link JdbcSourceRules},
	 * the query fails or its columns are not usable
	 * @throws SourceUnavailableException when the database cannot be reached
	 */
	public JdbcAccountSource(String url, @Nullable String username, @Nullable String password, String query,
			Predicate<String> knownConnection) {
		this.url = url;
		this.password = password;
		this.knownConnection = knownConnection;
		List<String> problems = JdbcSourceRules.problems(url, query);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(String.join("; ", problems));
		}
		try {
			this.connection = DriverManager.getConnection(url, connectionProperties(url, username, password));
			// PostgreSQL streams with a cursor only outside auto-commit
			this.connection.setAutoCommit(false);
			this.connection.setReadOnly(true);
			this.statement = this.connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
			this.statement.setFetchSize(FETCH_SIZE);
			this.statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
			this.rows = this.statement.executeQuery(query);
			ResultSetMetaData meta = this.rows.getMetaData();
			List<String> header = new ArrayList<>();
			for (int i = 1; i <= meta.getColumnCount(); i++) {
				header.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
			}
			String where = "source.query on " + masked(url);
			ColumnNames.requireDistinct(header, where);
			this.identifierColumn = ColumnNames.find(header, ColumnNames.IDENTIFIER, "identifier", where);
			this.connectionColumn = ColumnNames.find(header, ColumnNames.CONNECTION, "connection_name", where);
			ColumnNames.PassThrough passThrough = ColumnNames.passThrough(header, this.identifierColumn,
					this.connectionColumn);
			this.extraColumns.putAll(passThrough.columns());
			this.droppedColumns = passThrough.dropped();
		}
		catch (SQLException ex) {
			closeQuietly();
			String message = "source.query on " + masked(url) + ": " + masked(ex.getMessage());
			// the cause is left out: its message (and its causes') may hold the URL with
			// its password
			if (isUnreachable(ex)) {
				throw new SourceUnavailableException("cannot reach the source database: " + message);
			}
			throw new InvalidInputException(message);
		}
		catch (RuntimeException ex) {
			closeQuietly();
			throw ex;
		}
	}

	/**
	 * The user and password, and for PostgreSQL read-only mode and timeouts. Parameters
	 * in the URL win over these, so a URL can set longer timeouts;
	 * {@link JdbcSourceRules} refuses one that turns read-only mode off.
	 */
	private static Properties connectionProperties(String url, @Nullable String username, @Nullable String password) {
		Properties properties = new Properties();
		if (username != null) {
			properties.setProperty("user", username);
		}
		if (password != null) {
			properties.setProperty("password", password);
		}
		if (JdbcSourceRules.isPostgresql(url)) {
			properties.setProperty("readOnly", "true");
			properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
			properties.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
			properties.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
			properties.setProperty("ApplicationName", "account-health-audit");
		}
		return properties;
	}

	/**
	 * A failure to reach the database (refused, timed out, unknown host, the server
	 * starting or shutting down, out of connections), as opposed to one a new attempt
	 * would meet again (wrong password, unknown table, bad SQL).
	 */
	static boolean isUnreachable(SQLException failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLTransientException || cause instanceof ConnectException
					|| cause instanceof SocketTimeoutException || cause instanceof UnknownHostException
					|| cause instanceof NoRouteToHostException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				String state = sql.getSQLState();
				// 08: connection exception; 53: insufficient resources (too many
				// connections); 57P: server shutting
				// down or starting; H2's 90067: connection broken
				if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
						|| state.equals("90067")) {
					return true;
				}
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	private String masked(String text) {
		return JdbcSourceRules.mask(text, this.password);
	}

	@Override
	public List<String> extraColumns() {
		return List.copyOf(this.extraColumns.values());
	}

	@Override
	public List<String> droppedColumns() {
		return this.droppedColumns;
	}

	@Override
	public Optional<InputRecord> next() {
		try {
			if (!this.rows.next()) {
				return Optional.empty();
			}
			this.position++;
			Map<String, String> extras = new LinkedHashMap<>();
			this.extraColumns.forEach((index, name) -> extras.put(name, text(index)));
			String identifier = text(this.identifierColumn);
			String connectionName = text(this.connectionColumn);
			return Optional.of(InputRecords.of(this.position, identifier, connectionName, extras,
					connectionName + "," + identifier, this.knownConnection));
		}
		catch (SQLException ex) {
			// no cause: its message may hold the URL with its password
			throw new IllegalStateException("reading source.query on " + masked(this.url) + " at row "
					+ (this.position + 1) + ": " + masked(ex.getMessage()));
		}
	}

	private String text(int index) {
		try {
			String value = this.rows.getString(index + 1);
			return (value != null) ? value : "";
		}
		catch (SQLException ex) {
			throw new IllegalStateException("reading source.query on " + masked(this.url) + " at row " + this.position
					+ ": " + masked(ex.getMessage()));
		}
	}

	@Override
	public long position() {
		return this.position;
	}

	@Override
	public void close() {
		closeQuietly();
	}

	private void closeQuietly() {
		for (AutoCloseable closeable : new AutoCloseable[] { this.rows, this.statement, this.connection }) {
			if (closeable != null) {
				try {
					closeable.close();
				}
				catch (Exception ex) {
					// closing a read-only query: nothing to recover
				}
			}
		}
	}

}
