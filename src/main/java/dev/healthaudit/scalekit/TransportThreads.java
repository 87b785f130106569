package dev.healthaudit.scalekit;

import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The executor the JDK HTTP client runs exchanges on: its default cached pool (a thread
 * started whenever none is idle, idle threads ending after a minute), except that the
 * threads a run needs can be started before its first request (see the package
 * documentation for why).
 */
final class TransportThreads implements Executor {

	static final long IDLE_SECONDS = 60;

	private static final AtomicInteger POOLS = new AtomicInteger();

	private final String namePrefix = "scalekit-http-" + POOLS.incrementAndGet() + "-";

	private final ThreadPoolExecutor pool;

	TransportThreads() {
		this.pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS,
				new SynchronousQueue<>(), daemonThreads(this.namePrefix));
		this.pool.allowCoreThreadTimeOut(true);
	}

	/**
	 * Starts threads until at least {@code parallel} exist; they still end once idle for
	 * {@value #IDLE_SECONDS} s.
	 */
	void prestart(int parallel) {
		if (parallel > this.pool.getCorePoolSize()) {
			this.pool.setCorePoolSize(parallel);
		}
		this.pool.prestartAllCoreThreads();
	}

	@Override
	public void execute(Runnable command) {
		this.pool.execute(command);
	}

	/** How the names of this pool's threads begin. */
	String namePrefix() {
		return this.namePrefix;
	}

	/** Threads alive now. */
	int threads() {
		return this.pool.getPoolSize();
	}

	/** The most threads alive at once so far. */
	int mostThreads() {
		return this.pool.getLargestPoolSize();
	}

	private static ThreadFactory daemonThreads(String prefix) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
		threads.setDaemon(true);
		return threads;
	}

}
