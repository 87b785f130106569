package dev.healthaudit.job;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Optional;

import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import dev.healthaudit.account.Shard;
import dev.healthaudit.probe.DeferredAudit;
import dev.healthaudit.ratelimit.Sleeper;
import dev.healthaudit.result.ResultJournal;
import dev.healthaudit.result.Stores;

/**
 * Builds the {@code accountAudit} job for one run and runs it to its end, resuming the
 * run if it had started.
 */
@Component
public class AuditJob {

	static final String JOB_NAME = "accountAudit";

	static final String POLICY_PARAMETER = "policy";

	static final String RUN_PARAMETER = "run.id";

	static final String SHARD_PARAMETER = "shard";

	private static final String REPORTS_KEY = "reports.dir";

	private static final Logger logger = LoggerFactory.getLogger(AuditJob.class);

	private final JobRepository repository;

	private final JobOperator operator;

	private final PlatformTransactionManager transactions;

	private final Stores stores;

	private final Clock clock;

	private final ObservationRegistry observations;

	private final AtomicInteger active = new AtomicInteger();

	private final AtomicReference<JobExecution> current = new AtomicReference<>();

	public AuditJob(JobRepository repository, JobOperator operator, PlatformTransactionManager transactions,
			Stores stores, Clock clock, ObservationRegistry observations) {
		this.repository = repository;
		this.observations = observations;
		this.operator = operator;
		this.transactions = transactions;
		this.stores = stores;
		this.clock = clock;
	}

	public RunOutcome run(AuditRun run) {
		this.active.incrementAndGet();
		try {
			return execute(run);
		}
		finally {
			synchronized (this.active) {
				this.active.decrementAndGet();
				this.active.notifyAll();
			}
		}
	}

	/** The execution this process is running right now, if any. */
	Optional<JobExecution> runningExecution() {
		return Optional.ofNullable(this.current.get());
	}

	/** Waits until no run is executing; false when {@code timeout} passed first. */
	boolean awaitIdle(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.active) {
			while (this.active.get() > 0) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				try {
					this.active.wait(Math.max(1, left / 1_000_000));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
			return true;
		}
	}

	private RunOutcome execute(AuditRun run) {
		recoverStaleExecutions(run.runId(), run.shard());
		dropOrphanInstance(run);
		ThreadPoolTaskExecutor executor = AuditExecutor.create(run.concurrency());
		if (executor != null) {
			// in the first pass, a wait in place must hide behind the work queued
			// (InlineWaits)
			run.inlineWaits().coverWith(executor::getQueueSize, run.concurrency());
		}
		Progress progress = new Progress(this.clock, run.progressInterval(), run.progress(), Progress.terminalOrNull());
		// one writer for both passes: it stores the API usage added since its previous
		// chunk, whichever pass wrote that
		// finished results become durable within a second, whatever the chunk's pace
		// (package documentation)
		ResultJournal journal = this.stores.results().journal(run.runId(), run.shard(), this.transactions);
		progress.recovered(journal.open());
		ResultWriter writer = new ResultWriter(this.stores.results(), this.stores.runs(), run.runId(), run.shard(),
				progress, run.apiStats(), journal);
		AuditProcessor processor = new AuditProcessor(run.auditor(), run.deferredAuditor(),
				run.audited().andThen((result) -> progress.finishedOne()), journal, executor, this.clock,
				4 * run.effectiveChunkSize());
		Step deferred = deferredStep(run, executor, progress, writer, processor);
		DeferredAccountsLeft left = new DeferredAccountsLeft(this.stores.deferrals(), run.runId(), run.shard(),
				this.clock, Sleeper.SYSTEM);
		try {
			Job job = new JobBuilder(JOB_NAME, this.repository).listener(new JobExecutionListener() {
				@Override
				public void beforeJob(JobExecution execution) {
					AuditJob.this.current.set(execution);
					if (!run.mayAudit().getAsBoolean()) {
						// the first step sees it and stops the job before reading any
						// account
						execution.setStatus(BatchStatus.STOPPING);
					}
				}
			})
				// built per run, not as beans, so Boot's post-processor cannot hand them
				// the registry: do it here
				.observationRegistry(this.observations)
				.start(auditStep(run, executor, progress, writer, processor))
				.next(deferred)
				.next(left)
				.on(DeferredAccountsLeft.MORE)
				.to(deferred)
				.from(left)
				.on(DeferredAccountsLeft.DONE)
				.to(reportStep(run))
				.end()
				.build();
			JobParameters parameters = parameters(run);
			progress.start();
			JobExecution execution = this.operator.start(job, parameters);
			RunOutcome outcome = JobOutcome.of(execution, REPORTS_KEY);
			journal.close();
			if (outcome.state() == RunOutcome.State.COMPLETED) {
				journal.clear();
			}
			return outcome;
		}
		catch (Exception ex) {
			return new RunOutcome(RunOutcome.State.FAILED, Optional.empty(), Optional.of(JobOutcome.oneLine(ex)));
		}
		finally {
			this.current.set(null);
			processor.closeEarlyAttempts();
			journal.close();
			progress.finished();
			if (executor != null) {
				executor.shutdown();
			}
		}
	}

	/**
	 * A process killed mid-run leaves its execution STARTED forever; mark it failed so
	 * the instance can restart. Safe because one run id is only ever executed by one
	 * process at a time (the caller holds the run).
	 */
	private void recoverStaleExecutions(String runId, String shard) {
		for (JobExecution stale : this.repository.findRunningJobExecutions(JOB_NAME)) {
			if (runId.equals(stale.getJobParameters().getString(RUN_PARAMETER))
					&& shard.equals(stale.getJobParameters().getString(SHARD_PARAMETER, "0/1"))) {
				logger.warn("recovering run {} left unfinished by a stopped process (execution {})", runId,
						stale.getId());
				this.operator.recover(stale);
			}
		}
	}

	/**
	 * Batch creates a job instance and its first execution in two transactions; a process
	 * killed between them leaves an instance without executions, which Batch then refuses
	 * to start or restart ("Cannot find any job execution"), so the run could never
	 * finish. Nothing ran for such an instance (no step, no checkpoint, no result), so
	 * deleting it loses nothing and lets the start create it afresh.
	 */
	private void dropOrphanInstance(AuditRun run) {
		JobInstance instance = this.repository.getJobInstance(JOB_NAME, parameters(run));
		if (instance != null && this.repository.getLastJobExecution(instance) == null) {
			logger.warn("run {} was killed before its job started; starting it afresh", run.runId());
			this.repository.deleteJobInstance(instance);
		}
	}

	private static JobParameters parameters(AuditRun run) {
		return new JobParametersBuilder().addString(POLICY_PARAMETER, run.policyName())
			.addString(RUN_PARAMETER, run.runId())
			.addString(SHARD_PARAMETER, run.shard())
			.toJobParameters();
	}

	private Step auditStep(AuditRun run, ThreadPoolTaskExecutor executor, Progress progress, ResultWriter writer,
			AuditProcessor processor) {
		// the next chunk's first accounts start on the threads this chunk's tail leaves
		// idle (package documentation)
		HeadStart headStart = (executor != null) ? new HeadStart(processor, executor) : null;
		ChunkOrientedStepBuilder<AuditItem, ProcessedRecord> builder = new StepBuilder("audit", this.repository)
			.<AuditItem, ProcessedRecord>chunk(run.effectiveChunkSize())
			.reader(new FirstPassReader(
					new InputRecordReader(run.source(),
							(position) -> progress
								.resumedAt(position - this.stores.deferrals().countDeferred(run.runId(), run.shard()))),
					this.stores.deferrals(), run.runId(), run.shard(), run.effectiveChunkSize(), this.clock, headStart,
					2 * run.concurrency()))
			.processor((headStart != null) ? headStart : processor)
			.writer(writer)
			.transactionManager(this.transactions)
			.observationRegistry(this.observations);
		if (executor != null) {
			builder.taskExecutor(executor);
		}
		return builder.build();
	}

	/**
	 * One round of the second pass: the deferred accounts due now, each attempted again
	 * (and deferred again after another transient failure, until its attempts are spent).
	 * The job loops over it while deferred accounts are left.
	 */
	private Step deferredStep(AuditRun run, ThreadPoolTaskExecutor executor, Progress progress, ResultWriter writer,
			AuditProcessor processor) {
		int chunk = run.effectiveChunkSize();
		ChunkOrientedStepBuilder<DeferredAudit, ProcessedRecord> builder = new StepBuilder("audit-deferred",
				this.repository)
			.<DeferredAudit, ProcessedRecord>chunk(chunk)
			.reader(new DeferredAuditReader(this.stores.deferrals(), run.runId(), run.shard(), chunk, this.clock))
			.processor(new DeferredAuditProcessor(processor, this.clock, Sleeper.SYSTEM))
			.writer(writer)
			.listener(new StepExecutionListener() {
				private int round;

				@Override
				public void beforeStep(StepExecution execution) {
					// nothing else to do in a round: its accounts wait in place rather
					// than for the next round
					run.inlineWaits().coverAll();
					long deferred = AuditJob.this.stores.deferrals().countDeferred(run.runId(), run.shard());
					if (Shard.ALL.toString().equals(run.shard())) {
						progress.doneSoFar(AuditJob.this.stores.results().countRecorded(run.runId()));
					}
					if (deferred > 0) {
						logger.info("second pass, round {}: {} accounts deferred after transient failures",
								++this.round, deferred);
					}
				}
			})
			.transactionManager(this.transactions)
			.observationRegistry(this.observations)
			// a round per wave of deferred accounts, in one job execution
			.allowStartIfComplete(true);
		if (executor != null) {
			builder.taskExecutor(executor);
		}
		return builder.build();
	}

	private Step reportStep(AuditRun run) {
		return new StepBuilder("report", this.repository).tasklet((contribution, context) -> {
			// every account is stored; what follows only reads them (tests time kills by
			// this line)
			logger.info("writing the reports of run {}", run.runId());
			// absent when another shard writes them: the key stays unset
			run.publishReports()
				.get()
				.ifPresent((directory) -> context.getStepContext()
					.getStepExecution()
					.getJobExecution()
					.getExecutionContext()
					.putString(REPORTS_KEY, directory.toString()));
			return RepeatStatus.FINISHED;
		}, this.transactions).observationRegistry(this.observations).build();
	}

	/**
	 * Sixteen times the thread count, between 10 and 2,000: a chunk ends with its slowest
	 * account and the pool idles while the step thread writes it and reads the next, so
	 * bigger chunks idle less (bench/README.md has the figures); a crash repeats at most
	 * one chunk.
	 */
	public static int chunkSize(int concurrency) {
		return Math.max(10, Math.min(concurrency * 16, 2000));
	}

}
