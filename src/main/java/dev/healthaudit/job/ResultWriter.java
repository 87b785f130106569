package dev.healthaudit.job;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import dev.healthaudit.account.RejectedInput;
import dev.healthaudit.probe.AuditResult;
import dev.healthaudit.probe.DeferredAudit;
import dev.healthaudit.result.ApiStats;
import dev.healthaudit.result.ResultJournal;
import dev.healthaudit.result.ResultStore;
import dev.healthaudit.result.RunStore;
import dev.healthaudit.result.StoredChunk;

/**
 * Stores a chunk's results and rejects in the chunk transaction, with the API usage since
 * the previous chunk: a resumed run is audited by several processes, each adding its own
 * calls.
 */
final class ResultWriter implements ItemWriter<ProcessedRecord> {

	private final ResultStore store;

	private final RunStore runs;

	private final String runId;

	private final String shard;

	private final Progress progress;

	private final Supplier<ApiStats> apiStats;

	private final ResultJournal journal;

	private ApiStats stored = ApiStats.NONE;

	ResultWriter(ResultStore store, RunStore runs, String runId, String shard, Progress progress,
			Supplier<ApiStats> apiStats, ResultJournal journal) {
		this.store = store;
		this.runs = runs;
		this.journal = journal;
		this.runId = runId;
		this.shard = shard;
		this.progress = progress;
		this.apiStats = apiStats;
	}

	@Override
	public void write(Chunk<? extends ProcessedRecord> chunk) {
		List<AuditResult> results = new ArrayList<>();
		List<RejectedInput> rejects = new ArrayList<>();
		List<DeferredAudit> deferred = new ArrayList<>();
		for (ProcessedRecord record : chunk) {
			if (record instanceof ProcessedRecord.Audited audited) {
				results.add(audited.result());
			}
			else if (record instanceof ProcessedRecord.Deferred later) {
				deferred.add(later.deferral());
			}
			else {
				rejects.add(((ProcessedRecord.Rejected) record).reject());
			}
		}
		StoredChunk stored = this.store.save(this.runId, this.shard, results, rejects, deferred);
		this.journal.forget(results.stream().map((result) -> result.account().line()).toList());
		storeApiStats();
		this.progress.recorded(stored.results(), stored.rejects());
		// an audited duplicate of an earlier line is stored as a reject: no longer an
		// account audited
		this.progress.notAudited(results.size() - stored.results());
	}

	/**
	 * Synchronized in case chunks are ever written concurrently. Should the chunk
	 * transaction roll back, its delta is lost from the statistics (they are about calls
	 * made, and a replay's calls are counted again).
	 */
	private synchronized void storeApiStats() {
		ApiStats now = this.apiStats.get();
		this.runs.addApiStats(this.runId, now.since(this.stored));
		this.stored = now;
	}

}
