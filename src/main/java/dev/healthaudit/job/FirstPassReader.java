package dev.healthaudit.job;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import dev.healthaudit.account.InputRecord;
import dev.healthaudit.probe.DeferredAudit;
import dev.healthaudit.result.ResultStore;

/**
 * The first pass's reader: the input's records, and with them the deferred accounts that came due meanwhile, so that
 * their waits overlap the rest of the input instead of all adding up at its end. At each chunk boundary (in
 * {@link #update}, inside the chunk's transaction, after its writer: the chunk's own deferrals are stored and not yet
 * due, the accounts it finished are gone) it takes up to a quarter of a chunk of due deferrals, and hands them out
 * first in the next chunk. The checkpoint stays the input position alone: the deferrals live in the results store,
 * and whatever of them a crash catches in memory is read again from there.
 */
final class FirstPassReader implements ItemStreamReader<AuditItem> {

	private final InputRecordReader input;

	private final ResultStore store;

	private final String runId;

	private final String shard;

	private final int perChunk;

	private final Clock clock;

	private final Deque<DeferredAudit> due = new ArrayDeque<>();

	FirstPassReader(InputRecordReader input, ResultStore store, String runId, String shard, int chunkSize,
			Clock clock) {
		this.input = input;
		this.store = store;
		this.runId = runId;
		this.shard = shard;
		this.perChunk = Math.max(1, chunkSize / 4);
		this.clock = clock;
	}

	/**
	 * Resumes from Batch's checkpoint, or from the results store's when Batch's is missing: a process killed after
	 * Batch created a restarted step's execution (its context is stored empty and filled in memory only) but before
	 * the step's first commit leaves a last execution without a position, and starting from the top again would
	 * repeat committed chunks.
	 */
	@Override
	public void open(ExecutionContext context) {
		this.due.clear();
		if (!context.containsKey(InputRecordReader.POSITION)) {
			this.store.checkpoint(this.runId, this.shard)
				.ifPresent((position) -> context.putLong(InputRecordReader.POSITION, position));
		}
		this.input.open(context);
	}

	@Override
	public AuditItem read() {
		DeferredAudit again = this.due.poll();
		if (again != null) {
			return new AuditItem.Again(again);
		}
		InputRecord record = this.input.read();
		return (record != null) ? new AuditItem.Fresh(record) : null;
	}

	@Override
	public void update(ExecutionContext context) {
		this.input.update(context);
		if (context.containsKey(InputRecordReader.POSITION)) {
			this.store.saveCheckpoint(this.runId, this.shard, context.getLong(InputRecordReader.POSITION));
		}
		if (this.due.isEmpty()) {
			this.due.addAll(this.store.deferred(this.runId, this.shard, this.clock.instant(), Long.MIN_VALUE,
					this.perChunk));
		}
	}

	@Override
	public void close() {
		this.input.close();
		this.due.clear();
	}

}
