package dev.healthaudit.ratelimit;

import java.util.Optional;
import java.util.function.LongSupplier;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;

/**
 * Where rate budgets keep their token buckets: in this process ({@link #local}), or in
 * the database, where all shards of a run spend the same ones ({@link SharedBuckets}).
 */
public interface TokenBuckets {

	/**
	 * The bucket named {@code key}, holding {@code initial} unless it exists already
	 * (shared buckets outlive the process that created them, and their configuration may
	 * have been changed since).
	 */
	Bucket bucket(String key, BucketConfiguration initial);

	/**
	 * The configuration the bucket named {@code key} holds now, when other processes can
	 * change it; empty for buckets only this process uses (its budgets know their
	 * configuration).
	 */
	Optional<BucketConfiguration> configurationNow(String key);

	/**
	 * Whether other processes spend these buckets too (then this process sees only its
	 * own share of the requests).
	 */
	default boolean shared() {
		return false;
	}

	/**
	 * Buckets in this process's memory, reading time from {@code nanoTime} (monotonic,
	 * {@code System::nanoTime}).
	 */
	static TokenBuckets local(LongSupplier nanoTime) {
		TimeMeter time = new TimeMeter() {

			@Override
			public long currentTimeNanos() {
				return nanoTime.getAsLong();
			}

			@Override
			public boolean isWallClockBased() {
				return false;
			}

		};
		return new TokenBuckets() {

			@Override
			public Bucket bucket(String key, BucketConfiguration initial) {
				LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(time);
				for (Bandwidth limit : initial.getBandwidths()) {
					builder.addLimit(limit);
				}
				return builder.build();
			}

			@Override
			public Optional<BucketConfiguration> configurationNow(String key) {
				return Optional.empty();
			}

		};
	}

}
