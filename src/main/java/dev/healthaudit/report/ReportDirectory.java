package dev.healthaudit.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * {@code <reports-dir>/<run-id>/} and the {@code latest} link. A run's files are written
 * to a hidden staging directory first and moved into place when complete, so a crash
 * never leaves a half-written run directory, and {@code latest} only ever points at
 * complete runs.
 */
public final class ReportDirectory {

	private static final String LATEST = "latest";

	private static final Pattern SAFE_RUN_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

	private final Path root;

	public ReportDirectory(Path root) {
		this.root = root;
	}

	public Path root() {
		return this.root;
	}

	/**
	 * Checks, before anything is audited, that this directory can take a run's reports:
	 * it exists or can be created, a file can be created (and deleted) in it, and
	 * {@code latest} is absent or a symbolic link. A {@code latest} that is a directory
	 * or a file was put there by someone else: it is never replaced, and the run is
	 * refused.
	 * @throws UnusableReportDirectoryException naming the directory, when it cannot
	 */
	public void requireWritable() {
		Path shown = this.root.toAbsolutePath().normalize();
		Path firstCreated = firstMissing(shown);
		try {
			Files.createDirectories(shown);
		}
		catch (IOException ex) {
			throw unusable(shown, "cannot create the reports directory " + shown + " (" + describe(ex) + ")", ex);
		}
		try {
			Path probe = Files.createTempFile(shown, ".write-check-", ".tmp");
			Files.delete(probe);
		}
		catch (IOException ex) {
			throw unusable(shown, "cannot write in the reports directory " + shown + " (" + describe(ex) + ")", ex);
		}
		finally {
			// a run that ends before its reports (refused credentials, ...) leaves no
			// empty directories behind
			removeEmpty(shown, firstCreated);
		}
		requireLatestIsALink();
	}

	/**
	 * The outermost directory of {@code path} that does not exist yet, or null when
	 * {@code path} exists.
	 */
	private static @Nullable Path firstMissing(Path path) {
		Path missing = null;
		for (Path each = path; each != null
				&& !Files.exists(each, LinkOption.NOFOLLOW_LINKS); each = each.getParent()) {
			missing = each;
		}
		return missing;
	}

	private static void removeEmpty(Path directory, @Nullable Path upTo) {
		if (upTo == null) {
			return;
		}
		for (Path each = directory; each != null && each.startsWith(upTo); each = each.getParent()) {
			try {
				Files.deleteIfExists(each);
			}
			catch (IOException ex) {
				// not empty after all, or not ours to delete: leave it
				return;
			}
		}
	}

	private void requireLatestIsALink() {
		Path latest = this.root.resolve(LATEST);
		if (Files.exists(latest, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(latest)) {
			Path shown = latest.toAbsolutePath().normalize();
			throw unusable(this.root.toAbsolutePath().normalize(), shown + " is a "
					+ (Files.isDirectory(latest, LinkOption.NOFOLLOW_LINKS) ? "directory" : "file")
					+ ", not the symbolic link to the newest complete run that the job keeps there; move it out of the "
					+ "way (the job never deletes it) or choose another --reports-dir", null);
		}
	}

	private static UnusableReportDirectoryException unusable(Path directory, String message,
			@Nullable IOException cause) {
		return new UnusableReportDirectoryException(directory, message, cause);
	}

	private static String describe(IOException ex) {
		String reason = (ex.getMessage() != null) ? ex.getMessage() : "";
		return ex.getClass().getSimpleName() + (reason.isEmpty() ? "" : ": " + reason);
	}

	/**
	 * Writes a run's files with {@code writer} into staging, then publishes them as
	 * {@code <root>/<runId>} and points {@code latest} at it. When {@code writer} throws,
	 * nothing is published and the staging directory is removed.
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
			try {
				writer.accept(staging);
			}
			catch (RuntimeException ex) {
				// nothing of a run that is not published stays behind (a crash's
				// leftovers are cleared above)
				deleteQuietly(staging, ex);
				throw ex;
			}
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
		// checked at start-up too; something put there since must not be replaced either
		requireLatestIsALink();
		Path link = this.root.resolve(LATEST);
		Path temporary = this.root.resolve(".latest-" + runId);
		Files.deleteIfExists(temporary);
		Files.createSymbolicLink(temporary, Path.of(runId));
		try {
			move(temporary, link);
		}
		catch (FileAlreadyExistsException ex) {
			// some platforms refuse to replace a link by rename; fall back to delete and
			// rename
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

	private static void deleteQuietly(Path path, RuntimeException failure) {
		try {
			deleteRecursively(path);
		}
		catch (IOException ex) {
			failure.addSuppressed(ex);
		}
	}

	private static void deleteRecursively(Path path) throws IOException {
		if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(path)) {
			for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(each);
			}
		}
	}

}
