package dev.healthaudit.account;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Accounts from a SQL query against the team's own database. The query returns {@code identifier} and
 * {@code connection_name} columns (case-insensitive; {@code connector} and {@code connection} accepted) and any
 * others to carry through. Rows are streamed with a fetch size, never loaded at once. A restart runs the query again
 * and skips the rows already handled, so the query should have a stable order ({@code ORDER BY}).
 * Records are numbered by row (1 = first row).
 */
public final class JdbcAccountSource implements AccountSource {

	private static final int FETCH_SIZE = 500;

	private final String url;

	private final Connection connection;

	private final Statement statement;

	private final ResultSet rows;

	private final Predicate<String> knownConnection;

	private final int identifierColumn;

	private final int connectionColumn;

	private final Map<Integer, String> extraColumns = new LinkedHashMap<>();

	private long position;

	public JdbcAccountSource(String url, String username, String password, String query,
			Predicate<String> knownConnection) {
		this.url = url;
		this.knownConnection = knownConnection;
		try {
			this.connection = DriverManager.getConnection(url, username, password);
			// PostgreSQL streams with a cursor only outside auto-commit
			this.connection.setAutoCommit(false);
			this.connection.setReadOnly(true);
			this.statement = this.connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
			this.statement.setFetchSize(FETCH_SIZE);
			this.rows = this.statement.executeQuery(query);
			ResultSetMetaData meta = this.rows.getMetaData();
			List<String> header = new ArrayList<>();
			for (int i = 1; i <= meta.getColumnCount(); i++) {
				header.add(meta.getColumnLabel(i));
			}
			String where = "source.query on " + url;
			this.identifierColumn = ColumnNames.find(header, ColumnNames.IDENTIFIER, "identifier", where);
			this.connectionColumn = ColumnNames.find(header, ColumnNames.CONNECTION, "connection_name", where);
			for (int i = 0; i < header.size(); i++) {
				if (i != this.identifierColumn && i != this.connectionColumn) {
					this.extraColumns.put(i, header.get(i).toLowerCase(java.util.Locale.ROOT));
				}
			}
		}
		catch (SQLException ex) {
			closeQuietly();
			throw new InvalidInputException("source.query on " + url + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public List<String> extraColumns() {
		return List.copyOf(this.extraColumns.values());
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
			throw new IllegalStateException("reading source.query on " + this.url + " at row " + (this.position + 1)
					+ ": " + ex.getMessage(), ex);
		}
	}

	private String text(int index) {
		try {
			String value = this.rows.getString(index + 1);
			return (value != null) ? value : "";
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
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
