package dev.healthaudit.job;

import java.util.ArrayDeque;
import java.util.Deque;

import org.springframework.batch.infrastructure.item.ItemReader;

import dev.healthaudit.probe.DeferredAudit;
import dev.healthaudit.result.ResultStore;

/**
 * Reads the shard's deferred accounts in input order, a page at a time (keyset: after the last line read). Keeps no
 * checkpoint: the second pass's chunks delete the deferrals they store, so after a restart the rows left are exactly
 * the accounts still to audit.
 */
final class DeferredAuditReader implements ItemReader<DeferredAudit> {

	private final ResultStore store;

	private final String runId;

	private final String shard;

	private final int pageSize;

	private final Deque<DeferredAudit> page = new ArrayDeque<>();

	private long lastLine = Long.MIN_VALUE;

	private boolean exhausted;

	DeferredAuditReader(ResultStore store, String runId, String shard, int pageSize) {
		this.store = store;
		this.runId = runId;
		this.shard = shard;
		this.pageSize = pageSize;
	}

	@Override
	public DeferredAudit read() {
		if (this.page.isEmpty() && !this.exhausted) {
			this.page.addAll(this.store.deferred(this.runId, this.shard, this.lastLine, this.pageSize));
			this.exhausted = this.page.size() < this.pageSize;
		}
		DeferredAudit next = this.page.poll();
		if (next != null) {
			this.lastLine = next.account().line();
		}
		return next;
	}

}
