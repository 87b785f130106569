package dev.healthaudit.ratelimit;

import java.util.Optional;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;

/**
 * The rate a budget's bucket is configured with, and, for a bucket shared by the shards
 * of a run, what the other shards did to it: the configuration this budget last set or
 * saw is remembered, so that a different one read back tells that another shard changed
 * the rate. Not thread-safe: {@link RateBudget} calls it under its own lock.
 */
final class BucketRate {

	private final TokenBuckets buckets;

	private final String bucketKey;

	private final Bucket bucket;

	/** The bucket configuration this budget last set or saw. */
	private BucketConfiguration known;

	/**
	 * When the shared configuration was last read or set (nanos), when {@link #looked} is
	 * set.
	 */
	private long lastLook;

	private boolean looked;

	BucketRate(TokenBuckets buckets, String bucketKey, double perSecond) {
		this.buckets = buckets;
		this.bucketKey = bucketKey;
		this.known = SmoothBandwidth.configuration(perSecond);
		this.bucket = buckets.bucket(bucketKey, this.known);
	}

	Bucket bucket() {
		return this.bucket;
	}

	/**
	 * Whether this process sees all of the bucket's answers (false for a bucket shared
	 * with other shards).
	 */
	boolean measurable() {
		return !this.buckets.shared();
	}

	/**
	 * Whether a second has passed since the shared configuration was last read or set.
	 */
	boolean lookDue(long now) {
		return !this.looked || now - this.lastLook >= AdaptiveRate.STEP_NANOS;
	}

	/**
	 * Reads a shared bucket's configuration: the rate another shard gave it since this
	 * budget last set or saw it. Always empty for a bucket of this process alone.
	 */
	Optional<Double> changedByOthers(long now) {
		this.lastLook = now;
		this.looked = true;
		Optional<BucketConfiguration> current = this.buckets.configurationNow(this.bucketKey);
		if (current.isEmpty() || current.get().equals(this.known)) {
			return Optional.empty();
		}
		this.known = current.get();
		return Optional.of(SmoothBandwidth.rateOf(this.known));
	}

	/** Sets the bucket's rate, for every shard when it is shared. */
	void apply(double perSecond, long now) {
		this.known = SmoothBandwidth.configuration(perSecond);
		this.lastLook = now;
		this.looked = true;
		// AS_IS: tokens carry over; never a fresh full bucket
		this.bucket.replaceConfiguration(this.known, TokensInheritanceStrategy.AS_IS);
	}

}
