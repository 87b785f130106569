package dev.healthaudit.report;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * The reports directory cannot take a run's reports: it cannot be created or written, or
 * {@code latest} in it is something other than the link the job keeps. Found at start-up,
 * before any API call.
 */
public class UnusableReportDirectoryException extends RuntimeException {

	private final Path directory;

	UnusableReportDirectoryException(Path directory, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.directory = directory;
	}

	public Path directory() {
		return this.directory;
	}

}
