package dev.healthaudit.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code <reports-dir>/<run-id>/} and the {@code latest} link. A run's files are written to a hidden staging
 * directory first and moved into place when complete, so a crash never leaves a half-written run directory, and
 * {@code latest} only ever points at complete runs.
 */
public final class ReportDirectory {

	private static final Pattern SAFE_RUN_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

	private final Path root;

	public ReportDirectory(Path root) {
		this.root = root;
	}

	public Path root() {
		return this.root;
	}

	/**
	 * Writes a run's files with {@code writer} into staging, then publishes them as {@code <root>/<runId>} and points
	 * {@code latest} at it.
	 * @return the published directory
	 */
	public Path publish(String runId, Consumer<Path> writer) {
		if (!SAFE_RUN_ID.matcher(runId).matches() || runId.startsWith(".")) {
			throw new IllegalArgumentException("unsafe run id: " + runId);
		}
		try {
			Files.createDirectories(this.root);
			Path staging = this.root.resolve(".staging-" + runId);
			deleteRecursively(staging);
			Files.createDirectory(staging);
			writer.accept(staging);
			Path target = this.root.resolve(runId);
			deleteRecursively(target);
			move(staging, target);
			pointLatestAt(runId);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write reports under " + this.root, ex);
		}
	}

	private void pointLatestAt(String runId) throws IOException {
		Path link = this.root.resolve("latest");
		Path temporary = this.root.resolve(".latest-" + runId);
		Files.deleteIfExists(temporary);
		Files.createSymbolicLink(temporary, Path.of(runId));
		try {
			move(temporary, link);
		}
		catch (FileAlreadyExistsException ex) {
			// some platforms refuse to replace a link by rename; fall back to delete and rename
			Files.delete(link);
			move(temporary, link);
		}
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static void deleteRecursively(Path path) throws IOException {
		if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(path)) {
			for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(each);
			}
		}
	}

}
