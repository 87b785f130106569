package dev.healthaudit.run;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import dev.healthaudit.account.AccountSource;
import dev.healthaudit.account.AccountSources;
import dev.healthaudit.account.InputCensus;
import dev.healthaudit.account.Shard;
import dev.healthaudit.policy.AuditPolicy;
import dev.healthaudit.policy.SourceSettings;

/**
 * A run's accounts as its policy's source gives them, checked before any API call: the
 * source opens, its extra columns are known and a CSV file is counted.
 *
 * @param described the source as the run records it (a password masked), so that a
 * resumed run reads the same one
 * @param extraColumns the input columns carried through to the outputs
 * @param census the CSV file's count; empty for other sources
 */
record RunInput(AuditPolicy policy, AccountSources sources, String described, List<String> extraColumns,
		Optional<InputCensus> census) {

	static RunInput check(AuditPolicy policy, AccountSources sources, double maxRejectShare) {
		List<String> extraColumns;
		try (AccountSource check = sources.open(policy)) {
			extraColumns = check.extraColumns();
		}
		return new RunInput(policy, sources, AccountSources.describe(policy.source()), extraColumns,
				csvCensus(sources, policy, maxRejectShare));
	}

	/**
	 * Opens the source for {@code shard}, as often as the job asks (again after a
	 * restart).
	 */
	AccountSource open(Shard shard) {
		return this.sources.open(this.policy, shard);
	}

	/** How many records progress counts to: known for a whole CSV file only. */
	OptionalLong total(Shard shard) {
		return this.census.filter((counted) -> shard.isWhole())
			.map((counted) -> OptionalLong.of(counted.position()))
			.orElse(OptionalLong.empty());
	}

	/**
	 * One cheap streaming pass over a CSV file before any API call: a total for progress
	 * and its ETA, and the refusal (exit 2) of an input that is mostly rejects. Not done
	 * for Scalekit and JDBC sources: reading those twice costs API calls or database
	 * load, and their rows are structured already.
	 */
	private static Optional<InputCensus> csvCensus(AccountSources sources, AuditPolicy policy, double maxRejectShare) {
		if (!(policy.source() instanceof SourceSettings.Csv csv)) {
			return Optional.empty();
		}
		InputCensus census = InputCensus.take(sources.open(policy));
		census.requireRejectedShareAtMost(maxRejectShare, csv.path().toString());
		return Optional.of(census);
	}

}
