package dev.healthaudit.job;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Stops a running audit cleanly when the application is asked to shut down (SIGTERM, as
 * Kubernetes sends): the job is told to stop, the chunk in flight is finished and
 * committed, and the run is recorded as STOPPED so the next start resumes it. Runs in the
 * first shutdown phase, before the database pool closes, and waits at most the grace
 * period.
 */
@Component
class GracefulStop implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(GracefulStop.class);

	private final JobOperator operator;

	private final AuditJob job;

	private final Duration gracePeriod;

	private volatile boolean running;

	GracefulStop(JobOperator operator, AuditJob job,
			@Value("${audit.shutdown-grace-period:25s}") Duration gracePeriod) {
		this.operator = operator;
		this.job = job;
		this.gracePeriod = gracePeriod;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		// only the run of this process: executions left STARTED by a killed process are
		// not ours to stop
		this.job.runningExecution().ifPresent(this::stopAndWait);
	}

	private void stopAndWait(JobExecution execution) {
		logger.warn("shutdown requested: stopping run {} after the chunk in flight (waiting up to {} s)",
				execution.getJobParameters().getString(AuditJob.RUN_PARAMETER), this.gracePeriod.toSeconds());
		try {
			this.operator.stop(execution);
		}
		catch (JobExecutionNotRunningException ex) {
			return;
		}
		// the repository marks the execution stopped at once; the step only stops at its
		// next chunk boundary, so wait
		// for the job itself to return
		if (this.job.awaitIdle(this.gracePeriod)) {
			logger.warn("run stopped cleanly; start the same command again to resume it");
		}
		else {
			logger.error("run did not stop within {} s; the next start recovers it from its last checkpoint",
					this.gracePeriod.toSeconds());
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// stop first, while the data source and the job repository are still open
		return Integer.MAX_VALUE;
	}

}
