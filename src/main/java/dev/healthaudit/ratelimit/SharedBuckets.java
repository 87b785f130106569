package dev.healthaudit.ratelimit;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import javax.sql.DataSource;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;

/**
 * Token buckets kept in PostgreSQL (table {@code rate_budget_bucket}) by Bucket4j's
 * select-for-update proxy, so that every shard process of one run spends the same
 * buckets: one row per budget, named by the run, locked for the few statements of each
 * token request. Time is the wall clock, the one time all processes share.
 */
public final class SharedBuckets implements TokenBuckets {

	static final String TABLE = "rate_budget_bucket";

	private final ProxyManager<String> proxies;

	private final String scope;

	private final Set<String> keys = ConcurrentHashMap.newKeySet();

	/**
	 * @param scope what the buckets belong to (a run id): keys under another scope are
	 * other buckets
	 * @param epochNanos wall-clock time in nanoseconds since the epoch, the same in every
	 * process
	 */
	SharedBuckets(DataSource dataSource, String scope, LongSupplier epochNanos) {
		TimeMeter wallClock = new TimeMeter() {

			@Override
			public long currentTimeNanos() {
				return epochNanos.getAsLong();
			}

			@Override
			public boolean isWallClockBased() {
				return true;
			}

		};
		this.proxies = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
			.primaryKeyMapper(PrimaryKeyMapper.STRING)
			.table(TABLE)
			.clientClock(wallClock)
			.build();
		this.scope = scope;
	}

	/**
	 * The buckets of run {@code runId} in the PostgreSQL database behind
	 * {@code dataSource}.
	 */
	public static SharedBuckets postgres(DataSource dataSource, String runId, Clock clock) {
		return new SharedBuckets(dataSource, runId, () -> epochNanos(clock.instant()));
	}

	@Override
	public Bucket bucket(String key, BucketConfiguration initial) {
		String id = id(key);
		this.keys.add(id);
		return this.proxies.builder().build(id, () -> initial);
	}

	@Override
	public boolean shared() {
		return true;
	}

	@Override
	public Optional<BucketConfiguration> configurationNow(String key) {
		return this.proxies.getProxyConfiguration(id(key));
	}

	/**
	 * Deletes the buckets this process used: once a run is complete, nobody spends them
	 * again.
	 */
	public void removeAll() {
		this.keys.forEach(this.proxies::removeProxy);
	}

	private String id(String key) {
		return this.scope + "/" + key;
	}

	private static long epochNanos(Instant instant) {
		return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
	}

	@Override
	public String toString() {
		return "SharedBuckets[" + this.scope + "]";
	}

}
