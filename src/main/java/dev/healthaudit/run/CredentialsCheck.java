package dev.healthaudit.run;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.healthaudit.scalekit.ApiFailure;
import dev.healthaudit.scalekit.ScalekitAuthenticationException;

/**
 * The check that Scalekit is reachable and takes the run's credentials, made by the job
 * once it has started, right before its first step: the token request is then followed by
 * the run's first account at once, not by the job's start-up (up to a second and a half
 * on a cold JVM, during which the budget would go unused). Its outcome is kept for the
 * command, which reports it as before: refused credentials are invalid input, an
 * unreachable environment a failed start that the next start resumes.
 */
final class CredentialsCheck {

	private final ScalekitAccess access;

	private volatile @Nullable ScalekitAuthenticationException refused;

	private volatile @Nullable ApiFailure unreachable;

	CredentialsCheck(ScalekitAccess access) {
		this.access = access;
	}

	/** Verifies the credentials; false when the audit must not begin. */
	boolean verify() {
		try {
			this.unreachable = this.access.verifyCredentials().orElse(null);
		}
		catch (ScalekitAuthenticationException ex) {
			this.refused = ex;
		}
		return this.refused == null && this.unreachable == null;
	}

	/**
	 * @return the failure when the environment stayed out of reach
	 * @throws ScalekitAuthenticationException when the credentials were refused
	 */
	Optional<ApiFailure> problem() {
		ScalekitAuthenticationException ex = this.refused;
		if (ex != null) {
			throw ex;
		}
		return Optional.ofNullable(this.unreachable);
	}

}
