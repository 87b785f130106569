package dev.healthaudit.run;

import dev.healthaudit.account.Shard;
import dev.healthaudit.result.RunLease;

/**
 * Another process holds the lease on the policy (or on this shard of it): a run of it is
 * in progress.
 */
public class RunInProgressException extends RuntimeException {

	RunInProgressException(String policyName, Shard shard, RunLease.Holder holder) {
		super("a run of policy '" + policyName + "'" + (shard.isWhole() ? "" : " shard " + shard)
				+ " is already in progress (" + holder.owner() + ", lease valid until " + holder.expiresAt()
				+ "); not starting another");
	}

}
