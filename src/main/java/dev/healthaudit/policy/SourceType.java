package dev.healthaudit.policy;

/** Where the accounts to audit come from (product §4.1): one source per run. */
public enum SourceType {

	/** A CSV file with {@code identifier} and {@code connection_name} columns. */
	CSV,

	/** Scalekit's list API: every connected account, optionally of some connections only. */
	SCALEKIT,

	/** A SQL query against the user's own database. */
	JDBC

}
