package dev.healthaudit.job;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.core.task.TaskExecutor;

import dev.healthaudit.account.AccountRef;
import dev.healthaudit.account.AccountSource;
import dev.healthaudit.account.InputRecord;
import dev.healthaudit.account.RejectedInput;
import dev.healthaudit.result.DeferralStore;
import dev.healthaudit.result.Stores;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first pass's reader with head starts, driven the way Batch 6's concurrent chunk
 * loop drives it: read a chunk, submit each item's processing to the pool as it is read,
 * wait for all, write, then {@code update} (the checkpoint).
 */
class FirstPassReaderTests {

	private static final String RUN = "run-1";

	private static final String SHARD = "0/1";

	private final ExecutorService pool = Executors.newFixedThreadPool(4);

	private final DeferralStore store = store();

	/** Line -> how many times the (delegate) processor audited it. */
	private final Map<Long, AtomicInteger> audits = new ConcurrentHashMap<>();

	/** Line -> the chunk being read or processed when the audit of that line began. */
	private final Map<Long, Integer> auditedDuringChunk = new ConcurrentHashMap<>();

	/** Committed lines, in commit order, and the checkpoint after each commit. */
	private final List<Long> committed = new ArrayList<>();

	private final List<Long> checkpoints = new ArrayList<>();

	/** Line -> the chunk that committed it. */
	private final Map<Long, Integer> committedInChunk = new ConcurrentHashMap<>();

	private volatile int chunk;

	@AfterEach
	void stopPool() {
		this.pool.shutdownNow();
	}

	@Test
	void everyRecordIsHandedOutAndAuditedExactlyOnceAndSomeStartBeforeTheirChunk() throws Exception {
		HeadStart headStart = new HeadStart(this::audit, this.pool::execute);
		FirstPassReader reader = reader(records(1_000), 64, headStart, 16);
		reader.open(new ExecutionContext());
		runChunks(reader, headStart, new ExecutionContext(), 64, Integer.MAX_VALUE);
		reader.close();

		assertThat(this.committed).hasSize(1_000).doesNotHaveDuplicates();
		assertThat(this.committed).containsExactlyInAnyOrderElementsOf(lines(1, 1_000));
		assertThat(this.audits.values()).allSatisfy((count) -> assertThat(count).hasValue(1));
		// records read ahead at a chunk's end began their audit while that chunk was
		// still in flight (at most the 16
		// read ahead at each of the 15 boundaries; fewer when the pool reached a head
		// start only after the commit)
		long early = lines(1, 1_000).stream()
			.filter((line) -> this.auditedDuringChunk.get(line) < this.committedInChunk.get(line))
			.count();
		assertThat(early).isPositive().isLessThanOrEqualTo(15 * 16);
	}

	@Test
	void theCheckpointCoversExactlyTheRecordsCommittedNeverThoseReadAhead() throws Exception {
		HeadStart headStart = new HeadStart(this::audit, this.pool::execute);
		FirstPassReader reader = reader(records(300), 50, headStart, 20);
		reader.open(new ExecutionContext());
		runChunks(reader, headStart, new ExecutionContext(), 50, Integer.MAX_VALUE);

		assertThat(this.checkpoints).containsExactly(50L, 100L, 150L, 200L, 250L, 300L);
		assertThat(this.store.checkpoint(RUN, SHARD)).contains(300L);
		for (int i = 0; i < this.checkpoints.size(); i++) {
			// after commit i, the lines committed so far are exactly 1..checkpoint
			List<Long> soFar = this.committed.subList(0, 50 * (i + 1));
			assertThat(soFar).containsExactlyInAnyOrderElementsOf(lines(1, this.checkpoints.get(i)));
		}
	}

	@Test
	void aProcessKilledWithHeadStartsInFlightResumesWithoutRepeatingACommittedRecord() throws Exception {
		List<InputRecord> records = records(500);
		HeadStart first = new HeadStart(this::audit, this.pool::execute);
		FirstPassReader reader = reader(records, 40, first, 10);
		ExecutionContext context = new ExecutionContext();
		reader.open(context);
		// three chunks commit; the fourth is read, processed and its head starts fire,
		// then the process dies
		runChunks(reader, first, context, 40, 3);
		ExecutionContext saved = new ExecutionContext(context);
		readAndProcess(reader, first, 40);
		List<Long> committedBeforeKill = List.copyOf(this.committed);

		HeadStart second = new HeadStart(this::audit, this.pool::execute);
		FirstPassReader resumed = reader(records, 40, second, 10);
		resumed.open(saved);
		runChunks(resumed, second, saved, 40, Integer.MAX_VALUE);

		assertThat(committedBeforeKill).containsExactlyInAnyOrderElementsOf(lines(1, 120));
		assertThat(this.committed).hasSize(500).doesNotHaveDuplicates();
		assertThat(this.committed).containsExactlyInAnyOrderElementsOf(lines(1, 500));
		// committed accounts were never audited again; the lost chunk and its head starts
		// were
		assertThat(lines(1, 120)).allSatisfy((line) -> assertThat(this.audits.get(line)).hasValue(1));
		assertThat(lines(121, 170)).allSatisfy((line) -> assertThat(this.audits.get(line)).hasValue(2));
	}

	@Test
	void aHeadStartThatNoChunkClaimsNeverRunsOnceCancelled() throws Exception {
		List<Runnable> queued = new ArrayList<>();
		TaskExecutor holding = queued::add;
		HeadStart headStart = new HeadStart(this::audit, holding);
		AuditItem last = fresh(1);
		headStart.prepare(last, List.of(fresh(2), fresh(3)));
		headStart.process(last);
		assertThat(queued).hasSize(2);

		assertThat(headStart.cancel()).isEqualTo(2);
		queued.forEach(Runnable::run);

		assertThat(this.audits.keySet()).containsExactly(1L);
	}

	@Test
	void withoutAHeadStartTheReaderHandsOutTheInputInOrder() throws Exception {
		FirstPassReader reader = reader(records(100), 30, null, 0);
		reader.open(new ExecutionContext());
		runChunks(reader, null, new ExecutionContext(), 30, Integer.MAX_VALUE);

		assertThat(this.committed).containsExactlyElementsOf(lines(1, 100));
		assertThat(this.checkpoints).containsExactly(30L, 60L, 90L, 100L);
	}

	private void runChunks(FirstPassReader reader, HeadStart headStart, ExecutionContext context, int size, int chunks)
			throws Exception {
		for (int i = 0; i < chunks; i++) {
			List<ProcessedRecord> processed = readAndProcess(reader, headStart, size);
			if (processed.isEmpty()) {
				return;
			}
			for (ProcessedRecord record : processed) {
				long line = ((ProcessedRecord.Rejected) record).reject().line();
				this.committed.add(line);
				this.committedInChunk.put(line, this.chunk);
			}
			reader.update(context);
			this.checkpoints.add(context.getLong(InputRecordReader.POSITION));
			this.chunk++;
		}
	}

	private List<ProcessedRecord> readAndProcess(FirstPassReader reader, HeadStart headStart, int size)
			throws Exception {
		ItemProcessor<AuditItem, ProcessedRecord> processor = (headStart != null) ? headStart : this::audit;
		List<Future<ProcessedRecord>> futures = new ArrayList<>();
		for (int read = 0; read < size; read++) {
			AuditItem item = reader.read();
			if (item == null) {
				break;
			}
			futures.add(this.pool.submit(() -> processor.process(item)));
		}
		List<ProcessedRecord> processed = new ArrayList<>();
		for (Future<ProcessedRecord> future : futures) {
			processed.add(future.get());
		}
		return processed;
	}

	private ProcessedRecord audit(AuditItem item) throws InterruptedException {
		long line = ((AuditItem.Fresh) item).record().line();
		this.auditedDuringChunk.putIfAbsent(line, this.chunk);
		this.audits.computeIfAbsent(line, (key) -> new AtomicInteger()).incrementAndGet();
		Thread.sleep(1);
		return new ProcessedRecord.Rejected(new RejectedInput(line, "audited", ""));
	}

	private FirstPassReader reader(List<InputRecord> records, int chunkSize, HeadStart headStart, int ahead) {
		return new FirstPassReader(new InputRecordReader(() -> new ListSource(records), (position) -> {
		}), this.store, RUN, SHARD, chunkSize, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), headStart, ahead);
	}

	private static List<InputRecord> records(int count) {
		List<InputRecord> records = new ArrayList<>();
		for (long line = 1; line <= count; line++) {
			records.add(new AccountRef("gmail", "user" + line + "@example.com", line, Map.of()));
		}
		return records;
	}

	private static AuditItem fresh(long line) {
		return new AuditItem.Fresh(new AccountRef("gmail", "user" + line + "@example.com", line, Map.of()));
	}

	private static List<Long> lines(long first, long last) {
		List<Long> lines = new ArrayList<>();
		for (long line = first; line <= last; line++) {
			lines.add(line);
		}
		return lines;
	}

	private static DeferralStore store() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:first-pass-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		return new Stores(dataSource).deferrals();
	}

	/**
	 * An input of records held in memory; its position is the count of records returned.
	 */
	private static final class ListSource implements AccountSource {

		private final List<InputRecord> records;

		private int position;

		ListSource(List<InputRecord> records) {
			this.records = records;
		}

		@Override
		public List<String> extraColumns() {
			return List.of();
		}

		@Override
		public Optional<InputRecord> next() {
			return (this.position < this.records.size()) ? Optional.of(this.records.get(this.position++))
					: Optional.empty();
		}

		@Override
		public long position() {
			return this.position;
		}

		@Override
		public void close() {
		}

	}

}
