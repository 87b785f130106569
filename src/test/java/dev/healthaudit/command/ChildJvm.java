package dev.healthaudit.command;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.healthaudit.AccountHealthAuditApplication;

/** The application in a separate JVM, so that tests can kill it for real (SIGKILL) and start it again. */
final class ChildJvm {

	private final Process process;

	private final List<String> lines = new ArrayList<>();

	private ChildJvm(Process process) {
		this.process = process;
		Thread pump = new Thread(() -> {
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					synchronized (this.lines) {
						this.lines.add(line);
						this.lines.notifyAll();
					}
				}
			}
			catch (IOException ex) {
				// the process was killed: its output ends here
			}
		}, "child-output");
		pump.setDaemon(true);
		pump.start();
	}

	static ChildJvm start(Path workingDirectory, String... args) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-cp", System.getProperty("java.class.path"), AccountHealthAuditApplication.class.getName()));
		command.addAll(List.of(args));
		return new ChildJvm(new ProcessBuilder(command).directory(workingDirectory.toFile())
			.redirectErrorStream(true)
			.start());
	}

	/** Waits until a line of output matches, or fails after {@code timeout}. */
	String awaitLine(Predicate<String> condition, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.lines) {
			int seen = 0;
			while (true) {
				for (; seen < this.lines.size(); seen++) {
					if (condition.test(this.lines.get(seen))) {
						return this.lines.get(seen);
					}
				}
				long left = deadline - System.nanoTime();
				if (left <= 0 || (!this.process.isAlive() && seen == this.lines.size())) {
					throw new AssertionError("no matching line within " + timeout + "; output:\n" + output());
				}
				this.lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(left, 200_000_000L))));
			}
		}
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
		synchronized (this.lines) {
			return String.join("\n", this.lines);
		}
	}

}
