package dev.healthaudit.job;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.core.task.TaskExecutor;

/**
 * Starts the next chunk's first accounts on the threads that the current chunk's tail
 * leaves idle (see the package documentation, "head start"). The first pass's reader
 * {@linkplain #prepare prepares} them when it hands out a chunk's last item; they are
 * submitted to the step's executor when that item's processing begins, so they queue
 * behind every account of the chunk and only take threads the chunk no longer needs. When
 * Batch later processes such an item in its own chunk, this processor returns the result
 * already computed (or computes it now if it has not started yet); the result is stored,
 * like any other, only when that chunk commits. A head start that no chunk claims (the
 * step stopped or failed first) is {@linkplain #cancel cancelled} and its account is
 * audited again after a restart.
 */
final class HeadStart implements ItemProcessor<AuditItem, ProcessedRecord> {

	private final ItemProcessor<AuditItem, ProcessedRecord> processor;

	private final TaskExecutor executor;

	private final Map<AuditItem, FutureTask<ProcessedRecord>> started = Collections
		.synchronizedMap(new IdentityHashMap<>());

	private final AtomicReference<Prepared> prepared = new AtomicReference<>();

	HeadStart(ItemProcessor<AuditItem, ProcessedRecord> processor, TaskExecutor executor) {
		this.processor = processor;
		this.executor = executor;
	}

	/**
	 * Prepares head starts for {@code items}, to be submitted once the processing of
	 * {@code trigger} (the last item of the current chunk) begins. Called on the step
	 * thread.
	 */
	void prepare(AuditItem trigger, List<? extends AuditItem> items) {
		List<FutureTask<ProcessedRecord>> tasks = new ArrayList<>(items.size());
		for (AuditItem item : items) {
			FutureTask<ProcessedRecord> task = new FutureTask<>(() -> this.processor.process(item));
			this.started.put(item, task);
			tasks.add(task);
		}
		this.prepared.set(new Prepared(trigger, tasks));
	}

	@Override
	public ProcessedRecord process(AuditItem item) throws Exception {
		Prepared next = this.prepared.get();
		if (next != null && next.trigger() == item && this.prepared.compareAndSet(next, null)) {
			next.tasks().forEach(this.executor::execute);
		}
		FutureTask<ProcessedRecord> task = this.started.remove(item);
		if (task == null) {
			return this.processor.process(item);
		}
		// runs it here if no pool thread has taken it yet (a FutureTask runs once; the
		// queued copy then does nothing)
		task.run();
		try {
			return task.get();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
	}

	/**
	 * Head starts not claimed yet: never started ones will not run; running ones finish
	 * and are dropped.
	 */
	int cancel() {
		this.prepared.set(null);
		synchronized (this.started) {
			int dropped = this.started.size();
			this.started.values().forEach((task) -> task.cancel(false));
			this.started.clear();
			return dropped;
		}
	}

	private record Prepared(AuditItem trigger, List<FutureTask<ProcessedRecord>> tasks) {
	}

}
