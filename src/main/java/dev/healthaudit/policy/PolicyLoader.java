package dev.healthaudit.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * Reads an audit policy file (product §6) into a validated {@link AuditPolicy}. Runs
 * before any API call: every unknown key and invalid value ends in one
 * {@link InvalidPolicyException} naming the file, line and key.
 */
public final class PolicyLoader {

	/**
	 * The largest policy file read, in bytes (1 MiB): every byte counts, comments and
	 * blank lines included.
	 */
	public static final int MAX_BYTES = 1 << 20;

	/** The longest line read, in bytes. */
	public static final int MAX_LINE_BYTES = 16_384;

	private PolicyLoader() {
	}

	/**
	 * Loads {@code file}, resolving {@code ${NAME}} placeholders from {@code environment}
	 * (production passes {@code System.getenv()}).
	 * @throws InvalidPolicyException if the file cannot be read, is not YAML, or is not a
	 * valid policy
	 */
	public static AuditPolicy load(Path file, Map<String, String> environment) {
		String shownName = file.toString();
		byte[] bytes = read(file, shownName);
		PolicyDocument document = PolicyDocument.parse(shownName, bytes);
		Problems problems = new Problems(document);
		EnvironmentPlaceholders placeholders = new EnvironmentPlaceholders(environment);
		PolicyBinder binder = new PolicyBinder(document, placeholders, problems);
		PolicyProperties<?> properties = binder.bind();
		Map<String, ConnectionPolicy> connections = new ConnectionEntries(document, placeholders, problems)
			.read(properties.connections(), binder.validator());
		new PolicyChecks(problems).check(properties, connections);
		problems.throwIfAny();
		return new AuditPolicy(properties.name(), sha256(bytes), shownName, properties.source(), properties.scalekit(),
				properties.concurrency(), properties.retry(), properties.remediation(), connections,
				properties.failOn().finding(), new LinkedHashSet<>(properties.allowedWriteTools()),
				properties.accessReview());
	}

	/**
	 * The file's bytes, at most {@value #MAX_BYTES} of them. A policy is a page of YAML:
	 * a bigger file is a mistake or an attack (a 10 MB comment line kept the YAML parser
	 * busy for most of a minute), so its size is checked before any byte is parsed, and
	 * only a regular file is read (a FIFO would block, {@code /dev/zero} never ends).
	 */
	private static byte[] read(Path file, String shownName) {
		if (!Files.isRegularFile(file)) {
			if (!Files.exists(file)) {
				throw new InvalidPolicyException(shownName, shownName + ": policy file not found", null);
			}
			throw new InvalidPolicyException(shownName, shownName + (Files.isDirectory(file)
					? ": is a directory, not a policy file" : ": is not a regular file (a pipe, a device or a socket)"),
					null);
		}
		try {
			long size = Files.size(file);
			if (size > MAX_BYTES) {
				throw tooBig(shownName, size + " bytes");
			}
			try (InputStream in = Files.newInputStream(file)) {
				// counted while reading too: the file may have grown since its size was
				// taken
				byte[] bytes = in.readNBytes(MAX_BYTES + 1);
				if (bytes.length > MAX_BYTES) {
					throw tooBig(shownName, "more than " + MAX_BYTES + " bytes");
				}
				requireShortLines(bytes, shownName);
				return bytes;
			}
		}
		catch (NoSuchFileException ex) {
			throw new InvalidPolicyException(shownName, shownName + ": policy file not found", ex);
		}
		catch (IOException ex) {
			throw new InvalidPolicyException(shownName, shownName + ": cannot read the policy file (" + ex + ")", ex);
		}
	}

	/**
	 * The YAML parser's time grows with the square of a line's length (a 1 MiB comment
	 * line takes seconds, a 10 MB one most of a minute), and no policy needs a line of
	 * more than a few hundred characters.
	 */
	private static void requireShortLines(byte[] bytes, String shownName) {
		int line = 1;
		int start = 0;
		for (int i = 0; i <= bytes.length; i++) {
			if (i == bytes.length || bytes[i] == '\n' || bytes[i] == '\r') {
				if (i - start > MAX_LINE_BYTES) {
					throw new InvalidPolicyException(shownName, shownName + " line " + line + ": the line has "
							+ (i - start) + " bytes; a policy line may have at most " + MAX_LINE_BYTES, null);
				}
				if (i < bytes.length && !(bytes[i] == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n')) {
					line++;
				}
				start = i + 1;
			}
		}
	}

	private static InvalidPolicyException tooBig(String shownName, String size) {
		return new InvalidPolicyException(shownName, shownName + ": the policy file has " + size
				+ "; a policy may have at most " + MAX_BYTES + " bytes (1 MiB), comments included", null);
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			// Every Java platform is required to provide SHA-256.
			throw new IllegalStateException(ex);
		}
	}

}
