package dev.healthaudit.job;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The step's task executor: {@code concurrency} worker threads that log with their run
 * id.
 */
final class AuditExecutor {

	private AuditExecutor() {
	}

	/**
	 * The pool of {@code concurrency} workers; null for one account at a time (no pool).
	 */
	static @Nullable ThreadPoolTaskExecutor create(int concurrency) {
		if (concurrency <= 1) {
			return null;
		}
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(concurrency);
		executor.setMaxPoolSize(concurrency);
		executor.setThreadNamePrefix("audit-");
		executor.setTaskDecorator(new MdcPropagation());
		executor.initialize();
		return executor;
	}

	/**
	 * Runs each task with the MDC of the thread that submitted it (the step thread, which
	 * carries the run id), so that log lines of the worker threads name their run too;
	 * pool threads are reused, so the MDC is restored after.
	 */
	static final class MdcPropagation implements TaskDecorator {

		@Override
		public Runnable decorate(Runnable task) {
			Map<String, String> submitter = MDC.getCopyOfContextMap();
			return () -> {
				Map<String, String> previous = MDC.getCopyOfContextMap();
				setContext(submitter);
				try {
					task.run();
				}
				finally {
					setContext(previous);
				}
			};
		}

		private static void setContext(Map<String, String> context) {
			if (context != null) {
				MDC.setContextMap(context);
			}
			else {
				MDC.clear();
			}
		}

	}

}
