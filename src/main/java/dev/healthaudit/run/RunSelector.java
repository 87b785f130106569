package dev.healthaudit.run;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.healthaudit.policy.AuditPolicy;
import dev.healthaudit.result.RunStore;
import dev.healthaudit.result.RunRecord;
import dev.healthaudit.result.RunRecord.RunState;
import dev.healthaudit.scalekit.Route;

/**
 * Decides which run a start belongs to: the unfinished run of the same policy when its
 * policy file and input are unchanged (resume), else a new run. An unfinished run whose
 * policy or input changed is abandoned, not mixed in.
 */
final class RunSelector {

	private static final Logger logger = LoggerFactory.getLogger(RunSelector.class);

	private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

	private static final List<String> ROUTES = java.util.Arrays.stream(Route.values()).map(Route::label).toList();

	private final RunStore store;

	private final Clock clock;

	RunSelector(RunStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	/**
	 * The key of the sharded run a shard joins: the one given ({@code --run-key},
	 * {@code AUDIT_RUN_KEY}), or today's UTC date. Known before anything is audited,
	 * because the shards' shared rate budgets are named by it too.
	 */
	String runKey(Optional<String> given) {
		String key = given.orElseGet(() -> DAY.format(this.clock.instant()));
		if (!key.matches("[A-Za-z0-9._-]{1,63}")) {
			throw new IllegalArgumentException("--run-key must be 1-63 of [A-Za-z0-9._-], got '" + key + "'");
		}
		return key;
	}

	/**
	 * The id of the run that all shards of {@code policy} started with {@code runKey}
	 * share.
	 */
	static String sharedRunId(AuditPolicy policy, String runKey) {
		return policy.name() + "-" + runKey;
	}

	/**
	 * The run that all shards of one sharded run share: named by the policy and a run key
	 * ({@link #runKey}), created by whichever shard comes first.
	 */
	RunRecord join(AuditPolicy policy, String runKey, String input, List<String> extraColumns, boolean sandbox) {
		Instant now = this.clock.instant();
		RunRecord run = this.store.createRunIfAbsent(new RunRecord(sharedRunId(policy, runKey), policy.name(),
				policy.digest(), input, sandbox, extraColumns, RunState.RUNNING, now, Optional.empty()));
		if (!run.policyDigest().equals(policy.digest()) || !run.input().equals(input)) {
			throw new IllegalArgumentException("run " + run.runId() + " was started by another shard with a different "
					+ "policy file or input; give every shard the same ones, or another --run-key");
		}
		this.store.prepareStats(run.runId(), ROUTES);
		logger.info("shard joins run {} (policy {})", run.runId(), policy.name());
		return run;
	}

	RunRecord resumeOrStart(AuditPolicy policy, String input, List<String> extraColumns, boolean sandbox) {
		Optional<RunRecord> unfinished = this.store.findUnfinished(policy.name());
		if (unfinished.isPresent()) {
			RunRecord previous = unfinished.get();
			if (previous.policyDigest().equals(policy.digest()) && previous.input().equals(input)
					&& previous.sandbox() == sandbox) {
				logger.info("resuming unfinished run {} (started {})", previous.runId(), previous.startedAt());
				return previous;
			}
			logger.warn("abandoning unfinished run {}: its policy file or input changed since it started",
					previous.runId());
			this.store.finishRun(previous.runId(), RunState.ABANDONED, this.clock.instant());
		}
		Instant now = this.clock.instant();
		String runId = policy.name() + "-" + RUN_TIME.format(now);
		if (this.store.findRun(runId).isPresent()) {
			runId = runId + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
		}
		RunRecord run = new RunRecord(runId, policy.name(), policy.digest(), input, sandbox, extraColumns,
				RunState.RUNNING, now, Optional.empty());
		this.store.createRun(run);
		this.store.prepareStats(runId, ROUTES);
		logger.info("starting run {} with policy {}", runId, policy.name());
		return run;
	}

}
