package dev.healthaudit.scalekit;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TransportThreadsTests {

	@Test
	void startsNoThreadUntilAsked() {
		assertThat(new TransportThreads().threads()).isZero();
	}

	@Test
	void preparedThreadsServeThatManyParallelTasksWithoutStartingAnother() throws InterruptedException {
		TransportThreads threads = new TransportThreads();
		threads.prestart(8);
		assertThat(threads.threads()).isEqualTo(8);
		awaitIdle(threads, 8);
		runTogether(threads, 8);
		assertThat(threads.mostThreads()).isEqualTo(8);
	}

	@Test
	void moreParallelTasksThanPreparedStartThreadsOnDemandInsteadOfWaiting() throws InterruptedException {
		TransportThreads threads = new TransportThreads();
		threads.prestart(2);
		awaitIdle(threads, 2);
		runTogether(threads, 5);
		assertThat(threads.mostThreads()).isEqualTo(5);
	}

	@Test
	void preparingForFewerThanBeforeKeepsTheThreadsItHas() {
		TransportThreads threads = new TransportThreads();
		threads.prestart(6);
		threads.prestart(3);
		assertThat(threads.threads()).isEqualTo(6);
	}

	/**
	 * Waits until the pool's {@code count} threads wait for work (a started thread takes
	 * a moment to reach its queue; a task offered before then starts another thread).
	 */
	static void awaitIdle(TransportThreads threads, int count) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> Thread.getAllStackTraces()
				.keySet()
				.stream()
				.filter((thread) -> thread.getName().startsWith(threads.namePrefix()))
				.filter((thread) -> thread.getState() == Thread.State.TIMED_WAITING)
				.count() == count);
	}

	/**
	 * Runs {@code count} tasks that each wait until all of them are running: they can
	 * only finish when each has a thread of its own.
	 */
	private static void runTogether(TransportThreads threads, int count) throws InterruptedException {
		CountDownLatch running = new CountDownLatch(count);
		CountDownLatch finished = new CountDownLatch(count);
		for (int task = 0; task < count; task++) {
			threads.execute(() -> {
				running.countDown();
				try {
					if (running.await(10, TimeUnit.SECONDS)) {
						finished.countDown();
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
		}
		assertThat(finished.await(10, TimeUnit.SECONDS)).as("all %d tasks ran at once", count).isTrue();
	}

}
