package dev.healthaudit.account;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.healthaudit.policy.AuditPolicy;
import dev.healthaudit.policy.Excerpt;
import dev.healthaudit.policy.JdbcSourceRules;
import dev.healthaudit.policy.SourceSettings;
import dev.healthaudit.ratelimit.Retries;
import dev.healthaudit.scalekit.ScalekitClient;

/**
 * Opens the account source a policy names: a CSV file, the Scalekit list API or a SQL
 * query.
 */
public final class AccountSources {

	private static final Logger logger = LoggerFactory.getLogger(AccountSources.class);

	private final ScalekitClient client;

	private final Retries retries;

	private final AtomicBoolean droppedColumnsLogged = new AtomicBoolean();

	public AccountSources(ScalekitClient client, Retries retries) {
		this.client = client;
		this.retries = retries;
	}

	/** The records of {@code shard} only. */
	public AccountSource open(AuditPolicy policy, Shard shard) {
		AccountSource all = open(policy);
		return shard.isWhole() ? all : new ShardedSource(all, shard);
	}

	/**
	 * The policy's source. The first one opened that drops input columns says so in the
	 * log (once per process).
	 */
	public AccountSource open(AuditPolicy policy) {
		AccountSource source = create(policy);
		List<String> dropped = source.droppedColumns();
		if (!dropped.isEmpty() && this.droppedColumnsLogged.compareAndSet(false, true)) {
			logger.warn(
					"input columns {} of {} are not carried through to the reports: the reports have columns of "
							+ "these names (and authorization links belong in reauth-campaign.csv only)",
					String.join(", ", dropped.stream().map(Excerpt::quoted).toList()), describe(policy.source()));
		}
		return source;
	}

	private AccountSource create(AuditPolicy policy) {
		SourceSettings source = policy.source();
		java.util.function.Predicate<String> known = (name) -> policy.connection(name).isPresent();
		if (source instanceof SourceSettings.Csv csv) {
			return new CsvAccountSource(csv.path(), known);
		}
		if (source instanceof SourceSettings.ScalekitList list) {
			return new ScalekitAccountSource(this.client, list.connectionNames(), this.retries, known);
		}
		SourceSettings.Jdbc jdbc = (SourceSettings.Jdbc) source;
		return new JdbcAccountSource(jdbc.url(), jdbc.username(), jdbc.password(), jdbc.query(), known);
	}

	/**
	 * Where the accounts come from, for the run record and the report (never a password).
	 */
	public static String describe(SourceSettings source) {
		if (source instanceof SourceSettings.Csv csv) {
			return csv.path().toString();
		}
		if (source instanceof SourceSettings.ScalekitList list) {
			return "scalekit:"
					+ (list.connectionNames().isEmpty() ? "all connections" : String.join(",", list.connectionNames()));
		}
		SourceSettings.Jdbc jdbc = (SourceSettings.Jdbc) source;
		return JdbcSourceRules.mask(jdbc.url(), jdbc.password());
	}

}
