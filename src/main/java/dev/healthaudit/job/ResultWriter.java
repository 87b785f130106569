package dev.healthaudit.job;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import dev.healthaudit.account.RejectedInput;
import dev.healthaudit.probe.AuditResult;
import dev.healthaudit.result.ResultStore;

/** Stores a chunk's results and rejects in the chunk transaction. */
final class ResultWriter implements ItemWriter<ProcessedRecord> {

	private final ResultStore store;

	private final String runId;

	private final Progress progress;

	ResultWriter(ResultStore store, String runId, Progress progress) {
		this.store = store;
		this.runId = runId;
		this.progress = progress;
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
		this.progress.recorded(results.size() - duplicates, rejects.size() + duplicates);
	}

}
