package dev.healthaudit.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;

import dev.healthaudit.finding.Finding;

/**
 * Reads an audit policy file (product §6) into a validated {@link AuditPolicy}. Runs before any API call: every
 * unknown key and invalid value ends in one {@link InvalidPolicyException} naming the file, line and key.
 */
public final class PolicyLoader {

	private PolicyLoader() {
	}

	/**
	 * Loads {@code file}, resolving {@code ${NAME}} placeholders from {@code environment} (production passes
	 * {@code System.getenv()}).
	 * @throws InvalidPolicyException if the file cannot be read, is not YAML, or is not a valid policy
	 */
	public static AuditPolicy load(Path file, Map<String, String> environment) {
		String shownName = file.toString();
		byte[] bytes = read(file, shownName);
		PolicyDocument document = PolicyDocument.parse(shownName, bytes);
		Problems problems = new Problems(document);
		PolicyBinder binder = new PolicyBinder(document, new EnvironmentPlaceholders(environment), problems);
		PolicyProperties properties = binder.bindPolicy();
		Map<String, ConnectionPolicy> connections = binder.bindConnections();
		PolicyRules rules = new PolicyRules(document, problems, binder.failedKeys());
		rules.check(properties, document.tree().get("connections"), connections);
		Optional<Finding> failOn = rules.failOn(properties.failOn());
		AccessReviewSettings.check(properties.accessReview(), problems);
		problems.throwIfAny();
		return new AuditPolicy(properties.name(), sha256(bytes), shownName, properties.source(),
				properties.scalekit(), properties.concurrency(), properties.retry(), properties.remediation(),
				connections, failOn, new LinkedHashSet<>(properties.allowedWriteTools()), properties.accessReview());
	}

	private static byte[] read(Path file, String shownName) {
		try {
			return Files.readAllBytes(file);
		}
		catch (NoSuchFileException ex) {
			throw new InvalidPolicyException(shownName, shownName + ": policy file not found", ex);
		}
		catch (IOException ex) {
			throw new InvalidPolicyException(shownName, shownName + ": cannot read the policy file (" + ex + ")", ex);
		}
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
