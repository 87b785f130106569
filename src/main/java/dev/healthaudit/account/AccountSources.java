package dev.healthaudit.account;

import dev.healthaudit.policy.AuditPolicy;
import dev.healthaudit.policy.SourceSettings;
import dev.healthaudit.ratelimit.Retries;
import dev.healthaudit.scalekit.ScalekitClient;

/** Opens the account source a policy names: a CSV file, the Scalekit list API or a SQL query. */
public final class AccountSources {

	private final ScalekitClient client;

	private final Retries retries;

	public AccountSources(ScalekitClient client, Retries retries) {
		this.client = client;
		this.retries = retries;
	}

	/** The records of {@code shard} only. */
	public AccountSource open(AuditPolicy policy, Shard shard) {
		AccountSource all = open(policy);
		return shard.isWhole() ? all : new ShardedSource(all, shard);
	}

	public AccountSource open(AuditPolicy policy) {
		SourceSettings source = policy.source();
		java.util.function.Predicate<String> known = (name) -> policy.connection(name).isPresent();
		return switch (source.type()) {
			case CSV -> new CsvAccountSource(source.path(), known);
			case SCALEKIT -> new ScalekitAccountSource(this.client, source.connectionNames(), this.retries, known);
			case JDBC -> new JdbcAccountSource(source.url(), source.username(), source.password(), source.query(),
					known);
		};
	}

	/** Where the accounts come from, for the run record and the report (never a password). */
	public static String describe(SourceSettings source) {
		return switch (source.type()) {
			case CSV -> source.path().toString();
			case SCALEKIT -> "scalekit:" + (source.connectionNames().isEmpty() ? "all connections"
					: String.join(",", source.connectionNames()));
			case JDBC -> "jdbc:" + source.url().replaceFirst("^jdbc:", "").replaceAll("(?i)password=[^;&]*", "password=****");
		};
	}

}
