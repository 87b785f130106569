package dev.healthaudit.job;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import dev.healthaudit.account.InputRecord;
import dev.healthaudit.probe.DeferredAudit;
import dev.healthaudit.result.DeferralStore;

/**
 * The first pass's reader: the input's records, and with them the deferred accounts that
 * came due meanwhile, so that their waits overlap the rest of the input instead of all
 * adding up at its end. At each chunk boundary (in {@link #update}, inside the chunk's
 * transaction, after its writer: the chunk's own deferrals are stored and not yet due,
 * the accounts it finished are gone) it takes up to a quarter of a chunk of due
 * deferrals, and hands them out first in the next chunk. The checkpoint stays the input
 * position alone: the deferrals live in the results store, and whatever of them a crash
 * catches in memory is read again from there.
 *
 * <p>
 * With a {@link HeadStart}, handing out a chunk's last item also reads the next few input
 * records ahead and prepares their head starts; those records are handed out at the end
 * of the next chunk (its tail, when the results are long computed). The checkpoint is the
 * position of the records handed out, never of those read ahead, so a crash or stop reads
 * them again.
 */
final class FirstPassReader implements ItemStreamReader<AuditItem> {

	private final InputRecordReader input;

	private final DeferralStore store;

	private final String runId;

	private final String shard;

	private final int chunkSize;

	private final int perChunk;

	private final Clock clock;

	private final @Nullable HeadStart headStart;

	private final int aheadCount;

	private final Deque<DeferredAudit> due = new ArrayDeque<>();

	private final Deque<Ahead> ahead = new ArrayDeque<>();

	private int readsInChunk;

	private long handedPosition;

	/**
	 * @param headStart starts the next chunk's first {@code aheadCount} accounts early;
	 * null for none
	 */
	FirstPassReader(InputRecordReader input, DeferralStore store, String runId, String shard, int chunkSize,
			Clock clock, @Nullable HeadStart headStart, int aheadCount) {
		this.input = input;
		this.store = store;
		this.runId = runId;
		this.shard = shard;
		this.chunkSize = chunkSize;
		this.perChunk = Math.max(1, chunkSize / 4);
		this.clock = clock;
		this.headStart = headStart;
		// the buffer must empty within the next chunk, beside a quarter of a chunk of due
		// deferrals
		this.aheadCount = (headStart != null) ? Math.min(aheadCount, chunkSize / 2) : 0;
	}

	/**
	 * Resumes from Batch's checkpoint, or from the results store's when Batch's is
	 * missing: a process killed after Batch created a restarted step's execution (its
	 * context is stored empty and filled in memory only) but before the step's first
	 * commit leaves a last execution without a position, and starting from the top again
	 * would repeat committed chunks.
	 */
	@Override
	public void open(ExecutionContext context) {
		this.due.clear();
		this.ahead.clear();
		this.readsInChunk = 0;
		if (!context.containsKey(InputRecordReader.POSITION)) {
			this.store.checkpoint(this.runId, this.shard)
				.ifPresent((position) -> context.putLong(InputRecordReader.POSITION, position));
		}
		this.input.open(context);
		this.handedPosition = this.input.position();
	}

	@Override
	public @Nullable AuditItem read() {
		this.readsInChunk++;
		AuditItem item = next();
		if (this.readsInChunk == this.chunkSize && item != null && this.aheadCount > 0) {
			readAhead(item);
		}
		return item;
	}

	private @Nullable AuditItem next() {
		int remaining = this.chunkSize - this.readsInChunk + 1;
		if (!this.ahead.isEmpty() && this.ahead.size() >= remaining) {
			return handed(this.ahead.poll());
		}
		DeferredAudit again = this.due.poll();
		if (again != null) {
			return new AuditItem.Again(again);
		}
		InputRecord record = this.input.read();
		if (record != null) {
			this.handedPosition = this.input.position();
			return new AuditItem.Fresh(record);
		}
		return this.ahead.isEmpty() ? null : handed(this.ahead.poll());
	}

	private AuditItem handed(Ahead read) {
		this.handedPosition = Math.max(this.handedPosition, read.position());
		return read.item();
	}

	private void readAhead(AuditItem last) {
		List<AuditItem> items = new ArrayList<>(this.aheadCount);
		for (int i = 0; i < this.aheadCount; i++) {
			InputRecord record = this.input.read();
			if (record == null) {
				break;
			}
			AuditItem.Fresh item = new AuditItem.Fresh(record);
			this.ahead.add(new Ahead(item, this.input.position()));
			items.add(item);
		}
		this.headStart.prepare(last, items);
	}

	@Override
	public void update(ExecutionContext context) {
		this.readsInChunk = 0;
		context.putLong(InputRecordReader.POSITION, this.handedPosition);
		this.store.saveCheckpoint(this.runId, this.shard, this.handedPosition);
		if (this.due.isEmpty()) {
			this.due.addAll(
					this.store.deferred(this.runId, this.shard, this.clock.instant(), Long.MIN_VALUE, this.perChunk));
		}
	}

	@Override
	public void close() {
		this.input.close();
		this.due.clear();
		this.ahead.clear();
		if (this.headStart != null) {
			this.headStart.cancel();
		}
	}

	/** A record read ahead of the chunks, with the input position just after it. */
	private record Ahead(AuditItem.Fresh item, long position) {
	}

}
