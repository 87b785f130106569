package dev.healthaudit.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.awaitility.core.ConditionTimeoutException;

import dev.healthaudit.AccountHealthAuditApplication;

import static org.awaitility.Awaitility.await;

/**
 * The application in a separate JVM, so that tests can kill it for real (SIGKILL) or stop
 * it (SIGTERM) and start it again. Its output goes to a file in the working directory,
 * which also survives for diagnosis.
 */
final class ChildJvm {

	private static final Duration POLL = Duration.ofMillis(50);

	private final Process process;

	private final Path log;

	private ChildJvm(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	static ChildJvm start(Path workingDirectory, String... args) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp",
						System.getProperty("java.class.path"), AccountHealthAuditApplication.class.getName()));
		command.addAll(List.of(args));
		Path log = Files.createTempFile(workingDirectory, "child-", ".log");
		Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
			.start();
		return new ChildJvm(process, log);
	}

	/**
	 * Waits until a line of output matches; fails after {@code timeout}, or at once when
	 * the child has exited without printing one.
	 */
	String awaitLine(Predicate<String> condition, Duration timeout) {
		try {
			return await().atMost(timeout)
				.pollDelay(Duration.ZERO)
				.pollInterval(POLL)
				.until(() -> firstLine(condition), Optional::isPresent)
				.orElseThrow();
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("no matching line within " + timeout + "; output:\n" + output());
		}
	}

	private Optional<String> firstLine(Predicate<String> condition) {
		// sampled before the output is read, so that a line printed just before the exit
		// still counts
		boolean alive = this.process.isAlive();
		Optional<String> line = lines().stream().filter(condition).findFirst();
		if (line.isEmpty() && !alive) {
			throw new AssertionError(
					"exited with " + this.process.exitValue() + " before a matching line; output:\n" + output());
		}
		return line;
	}

	boolean alive() {
		return this.process.isAlive();
	}

	/** Sends SIGTERM, as Kubernetes does to stop a pod. */
	void terminate() {
		this.process.destroy();
	}

	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

	int awaitExit(Duration timeout) throws InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			this.process.destroyForcibly();
			throw new AssertionError("did not exit within " + timeout + "; output:\n" + output());
		}
		return this.process.exitValue();
	}

	String output() {
		return String.join("\n", lines());
	}

	private List<String> lines() {
		try {
			return new String(Files.readAllBytes(this.log), StandardCharsets.UTF_8).lines().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
