package dev.healthaudit.run;

import java.util.Optional;

import dev.healthaudit.account.Shard;
import dev.healthaudit.policy.AuditPolicy;

/**
 * Which run a start belongs to, known before anything is audited: for the whole input,
 * the unfinished run of its policy or a new one; for one shard of several, the sharded
 * run that every shard started with the same key joins.
 *
 * @param runKey the sharded run's key ({@link RunSelector#runKey}); empty for the whole
 * input
 */
public record RunChoice(Shard shard, Optional<String> runKey) {

	/**
	 * The id of the sharded run, which also names the rate budgets its shards share;
	 * empty for the whole input.
	 */
	Optional<String> sharedRunId(AuditPolicy policy) {
		return this.runKey.map((key) -> RunSelector.sharedRunId(policy, key));
	}

}
