package dev.healthaudit.command;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Keeps the data directory ({@code audit.data-dir}) owner-only: the embedded H2 database
 * in it holds authorization links (bearer secrets) in plain text. On a POSIX file system
 * the directory is created {@code rwx------} before the database opens, and its database
 * files ({@code *.db}) are made {@code rw-------} once it has; a directory or files left
 * more open by an older version are tightened at start-up, with one log line saying so.
 * Elsewhere (no POSIX permissions) nothing is changed.
 *
 * <p>
 * A bean factory post-processor, so that its first part runs before any bean (the data
 * source among them) is created; its second part runs once every singleton, Flyway's
 * migration included, is ready.
 */
class DataDirectoryPermissions implements BeanFactoryPostProcessor, SmartInitializingSingleton, EnvironmentAware {

	private static final Logger logger = LoggerFactory.getLogger(DataDirectoryPermissions.class);

	static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

	static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		Path directory = dataPath();
		// create it ourselves (owner-only from the start) only when the embedded database
		// will live in it
		Tightened tightened = secure(directory, embeddedDatabaseIn(directory));
		if (!tightened.isEmpty()) {
			logger.warn("restricted the data directory to its owner: {} (it holds authorization links in plain text)",
					tightened.describe());
		}
	}

	@Override
	public void afterSingletonsInstantiated() {
		// the files the database created on this start
		secure(dataPath(), false);
	}

	private Path dataPath() {
		return Path.of(this.environment.getRequiredProperty("audit.data-path"));
	}

	private boolean embeddedDatabaseIn(Path directory) {
		String url = this.environment.getProperty("spring.datasource.url", "");
		return url.startsWith("jdbc:h2:file:" + directory + directory.getFileSystem().getSeparator());
	}

	/**
	 * Creates {@code directory} owner-only when asked and absent, and tightens it and the
	 * database files in it.
	 * @return what was changed, empty when nothing had to be (or permissions are not
	 * POSIX)
	 */
	static Tightened secure(Path directory, boolean create) {
		List<String> changes = new ArrayList<>();
		try {
			if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
				if (!create || Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
					return Tightened.NOTHING;
				}
				createOwnerOnly(directory);
				return Tightened.NOTHING;
			}
			if (!posix(directory)) {
				return Tightened.NOTHING;
			}
			restrict(directory, DIRECTORY, "directory " + directory, changes);
			try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.db")) {
				for (Path file : files) {
					if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
						restrict(file, FILE, "database file " + file.getFileName(), changes);
					}
				}
			}
		}
		catch (IOException ex) {
			logger.warn("could not restrict the data directory {} to its owner: {}", directory, ex.toString());
		}
		return new Tightened(changes);
	}

	private static void createOwnerOnly(Path directory) throws IOException {
		Path parent = directory.getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		if (posix(parent != null ? parent : directory.toAbsolutePath().getRoot())) {
			Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(DIRECTORY));
			// the umask may have taken bits away, never added any; set them exactly
			// anyway
			Files.setPosixFilePermissions(directory, DIRECTORY);
		}
		else {
			Files.createDirectory(directory);
		}
	}

	private static void restrict(Path path, Set<PosixFilePermission> wanted, String name, List<String> changes)
			throws IOException {
		Set<PosixFilePermission> current = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
		if (wanted.containsAll(current)) {
			// as strict already (or stricter: the owner chose that)
			return;
		}
		Set<PosixFilePermission> owner = new java.util.HashSet<>(current);
		owner.retainAll(wanted);
		Files.setPosixFilePermissions(path, owner);
		changes
			.add(name + " " + PosixFilePermissions.toString(current) + " -> " + PosixFilePermissions.toString(owner));
	}

	private static boolean posix(Path path) throws IOException {
		return Files.getFileStore(path).supportsFileAttributeView(PosixFileAttributeView.class);
	}

	/** The permissions changed by one call, one entry per path. */
	record Tightened(List<String> changes) {

		static final Tightened NOTHING = new Tightened(List.of());

		boolean isEmpty() {
			return this.changes.isEmpty();
		}

		String describe() {
			return String.join(", ", this.changes);
		}

	}

}
