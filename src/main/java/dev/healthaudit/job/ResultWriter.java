package dev.healthaudit.job;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import dev.healthaudit.account.RejectedInput;
import dev.healthaudit.probe.AuditResult;
import dev.healthaudit.result.ApiStats;
import dev.healthaudit.result.ResultStore;

/**
 * Stores a chunk's results and rejects in the chunk transaction, with the API usage since the previous chunk: a
 * resumed run is audited by several processes, each adding its own calls.
 */
final class ResultWriter implements ItemWriter<ProcessedRecord> {

	private final ResultStore store;

	private final String runId;

	private final Progress progress;

	private final Supplier<ApiStats> apiStats;

	private ApiStats stored = ApiStats.NONE;

	ResultWriter(ResultStore store, String runId, Progress progress, Supplier<ApiStats> apiStats) {
		this.store = store;
		this.runId = runId;
		this.progress = progress;
		this.apiStats = apiStats;
	}

	@Override
	public void write(Chunk<? extends ProcessedRecord> chunk) {
		List<AuditResult> results = new ArrayList<>();
		List<RejectedInput> rejects = new ArrayList<>();
		for (ProcessedRecord record : chunk) {
			if (record instanceof ProcessedRecord.Audited audited) {
				results.add(audited.result());
			}
			else {
				rejects.add(((ProcessedRecord.Rejected) record).reject());
			}
		}
		int duplicates = this.store.save(this.runId, results, rejects);
		storeApiStats();
		this.progress.recorded(results.size() - duplicates, rejects.size() + duplicates);
	}

	/**
	 * Synchronized in case chunks are ever written concurrently. Should the chunk transaction roll back, its delta
	 * is lost from the statistics (they are about calls made, and a replay's calls are counted again).
	 */
	private synchronized void storeApiStats() {
		ApiStats now = this.apiStats.get();
		this.store.addApiStats(this.runId, now.since(this.stored));
		this.stored = now;
	}

}
