package dev.healthaudit.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.healthaudit.account.Shard;
import dev.healthaudit.policy.AuditPolicy;
import dev.healthaudit.ratelimit.RateBudgets;
import dev.healthaudit.ratelimit.SharedBuckets;
import dev.healthaudit.ratelimit.Sleeper;
import dev.healthaudit.ratelimit.TokenBuckets;

/**
 * The policy's budgets for one run: this process's own for a whole run; for a shard, the
 * run's buckets in the database, which all its shards spend together; or, when they
 * cannot be shared, this shard's equal share of them (n shards each spending a smooth 1/n
 * of every budget can never exceed it together).
 */
final class RunBudgets {

	private static final Logger logger = LoggerFactory.getLogger(RunBudgets.class);

	private final RateBudgets budgets;

	private final Optional<SharedBuckets> shared;

	private RunBudgets(RateBudgets budgets, Optional<SharedBuckets> shared) {
		this.budgets = budgets;
		this.shared = shared;
	}

	static RunBudgets of(AuditPolicy policy, RunChoice choice, DataSource dataSource, Clock clock) {
		Optional<SharedBuckets> shared = choice.sharedRunId(policy)
			.flatMap((runId) -> sharedBuckets(runId, choice.shard(), dataSource, clock));
		return new RunBudgets(budgets(policy, choice.shard(), shared), shared);
	}

	RateBudgets budgets() {
		return this.budgets;
	}

	/**
	 * Deletes a completed run's shared buckets; a failure to do so leaves a few small
	 * rows and changes nothing else.
	 */
	void forgetShared(String runId) {
		this.shared.ifPresent((buckets) -> {
			try {
				buckets.removeAll();
			}
			catch (RuntimeException ex) {
				logger.warn("could not delete the rate budget buckets of run {}: {}", runId, ex.toString());
			}
		});
	}

	private static RateBudgets budgets(AuditPolicy policy, Shard shard, Optional<SharedBuckets> shared) {
		int share = (shared.isPresent()) ? 1 : shard.count();
		Map<String, Double> probeRates = new LinkedHashMap<>();
		policy.connections().forEach((name, connection) -> probeRates.put(name, connection.rateLimit() / share));
		int requestsPerMinute = Math.max(1, policy.scalekit().requestsPerMinute() / share);
		// a Retry-After longer than the policy's maximum backoff makes its account final:
		// it never pauses a budget longer
		TokenBuckets buckets = shared.<TokenBuckets>map((sharedBuckets) -> sharedBuckets)
			.orElseGet(() -> TokenBuckets.local(System::nanoTime));
		return RateBudgets.of(requestsPerMinute, probeRates, System::nanoTime, Sleeper.SYSTEM, buckets,
				policy.retry().maxBackoff());
	}

	/**
	 * The token buckets that all shards of sharded run {@code runId} spend together, kept
	 * in the run's PostgreSQL database. Empty on any other database (an H2 file belongs
	 * to one process, so its shards share nothing anyway): the shard then spends its 1/n
	 * share of every budget, which keeps the shards within the budgets too, only less
	 * fully.
	 */
	private static Optional<SharedBuckets> sharedBuckets(String runId, Shard shard, DataSource dataSource,
			Clock clock) {
		String database = databaseProduct(dataSource);
		if (!"PostgreSQL".equals(database)) {
			logger.warn("shard {} runs on {}, not PostgreSQL: the shards cannot share rate budgets, so this one spends "
					+ "1/{} of each", shard, database, shard.count());
			return Optional.empty();
		}
		logger.info("shard {} spends the rate budgets of run {} together with the other shards (buckets in "
				+ "PostgreSQL)", shard, runId);
		return Optional.of(SharedBuckets.postgres(dataSource, runId, clock));
	}

	private static String databaseProduct(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return connection.getMetaData().getDatabaseProductName();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot reach the database: " + ex.getMessage(), ex);
		}
	}

}
