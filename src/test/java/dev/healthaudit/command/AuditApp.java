package dev.healthaudit.command;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.SpringApplication;

import dev.healthaudit.AccountHealthAuditApplication;

/**
 * Runs the application in this JVM as {@code main} would, capturing the exit code and
 * what it printed (a start-up failure too: exit code as {@code main} maps it).
 */
final class AuditApp {

	private AuditApp() {
	}

	static Result run(String... args) {
		PrintStream out = System.out;
		PrintStream err = System.err;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
		System.setOut(new PrintStream(new TeeStream(out, both), true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(new TeeStream(err, both), true, StandardCharsets.UTF_8));
		try {
			int code;
			try {
				code = SpringApplication.exit(SpringApplication.run(AccountHealthAuditApplication.class, args));
			}
			catch (RuntimeException ex) {
				code = StartupFailures.exitCode(ex);
			}
			return new Result(code, captured.toString(StandardCharsets.UTF_8));
		}
		finally {
			System.setOut(out);
			System.setErr(err);
		}
	}

	record Result(int exitCode, String output) {
	}

	private static final class TeeStream extends java.io.OutputStream {

		private final PrintStream first;

		private final PrintStream second;

		TeeStream(PrintStream first, PrintStream second) {
			this.first = first;
			this.second = second;
		}

		@Override
		public void write(int b) {
			this.first.write(b);
			this.second.write(b);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			this.first.write(bytes, offset, length);
			this.second.write(bytes, offset, length);
		}

	}

}
