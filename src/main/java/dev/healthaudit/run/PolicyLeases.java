package dev.healthaudit.run;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import dev.healthaudit.account.Shard;
import dev.healthaudit.result.RunLease;

/**
 * Takes the lease that keeps two starts of one policy, or of one shard of it, from
 * running at once, on one host or many (the lease lives in the shared database).
 */
public final class PolicyLeases {

	private final DataSource dataSource;

	private final Clock clock;

	private final Duration ttl;

	/**
	 * @param ttl how long a lease outlives a process that stopped renewing it
	 */
	public PolicyLeases(DataSource dataSource, Clock clock, Duration ttl) {
		this.dataSource = dataSource;
		this.clock = clock;
		this.ttl = ttl;
	}

	/**
	 * The lease on the runs of {@code policyName} (one shard's of them, for a shard),
	 * held until closed.
	 * @throws RunInProgressException when another process holds it
	 */
	public RunLease take(String policyName, Shard shard) {
		String key = "policy:" + policyName + (shard.isWhole() ? "" : ":shard:" + shard);
		RunLease.Acquisition acquisition = RunLease.acquire(this.dataSource, this.clock, key,
				RunLease.ownerOfThisProcess(), this.ttl);
		return acquisition.lease()
			.orElseThrow(() -> new RunInProgressException(policyName, shard, acquisition.heldBy().orElseThrow()));
	}

}
