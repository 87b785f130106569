package dev.healthaudit.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import dev.healthaudit.probe.DeferredAudit;
import dev.healthaudit.result.DeferralStore;

/**
 * Reads the shard's deferred accounts that are due, or come due within
 * {@link #LOOK_AHEAD}, in input order, a page at a time. Each time the step starts it
 * fixes a horizon (now plus the look-ahead) and reads only accounts due by then, after
 * the last line read: an account deferred again in this pass has a line already read, so
 * the step ends instead of meeting it again, and the next round of the loop takes it. The
 * look-ahead lets one round take the accounts that come due while it runs, whose threads
 * wait for them ({@link DeferredAuditProcessor}): after the input, threads are idle
 * anyway, and a round per due time cost a round's start and its slowest account each
 * time. Keeps no checkpoint: chunks delete (or rewrite) the deferrals they store, so
 * after a restart the rows left are exactly the work left.
 */
final class DeferredAuditReader implements ItemStreamReader<DeferredAudit> {

	private final DeferralStore store;

	private final String runId;

	private final String shard;

	private final int pageSize;

	private final Clock clock;

	private final Deque<DeferredAudit> page = new ArrayDeque<>();

	/** How far ahead a round takes accounts that are not due yet. */
	static final Duration LOOK_AHEAD = Duration.ofSeconds(1);

	private Instant horizon;

	private long lastLine;

	private boolean exhausted;

	DeferredAuditReader(DeferralStore store, String runId, String shard, int pageSize, Clock clock) {
		this.store = store;
		this.runId = runId;
		this.shard = shard;
		this.pageSize = pageSize;
		this.clock = clock;
	}

	@Override
	public void open(ExecutionContext context) {
		this.horizon = this.clock.instant().plus(LOOK_AHEAD);
		this.lastLine = Long.MIN_VALUE;
		this.exhausted = false;
		this.page.clear();
	}

	@Override
	public @Nullable DeferredAudit read() {
		if (this.page.isEmpty() && !this.exhausted) {
			this.page.addAll(this.store.deferred(this.runId, this.shard, this.horizon, this.lastLine, this.pageSize));
			this.exhausted = this.page.size() < this.pageSize;
		}
		DeferredAudit next = this.page.poll();
		if (next != null) {
			this.lastLine = next.account().line();
		}
		return next;
	}

}
