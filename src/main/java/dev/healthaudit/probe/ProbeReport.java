package dev.healthaudit.probe;

import java.util.Optional;

/**
 * How a probe (a read-only tool run) ended, after retries.
 *
 * @param rule the provider-specific failure recognised in the error, if any
 */
public record ProbeReport(ProbeStatus status, Evidence evidence, Optional<ProviderRule> rule) {

	public static final ProbeReport NOT_RUN = new ProbeReport(ProbeStatus.NOT_RUN, Evidence.NONE, Optional.empty());

	public static ProbeReport success() {
		return new ProbeReport(ProbeStatus.SUCCEEDED, Evidence.NONE, Optional.empty());
	}

	public boolean succeeded() {
		return this.status == ProbeStatus.SUCCEEDED;
	}

	/**
	 * Whether the provider answered for itself (success, 401, 403), rather than a
	 * transient failure or a refusal.
	 */
	public boolean decided() {
		return this.status == ProbeStatus.SUCCEEDED || this.status == ProbeStatus.UNAUTHORIZED
				|| this.status == ProbeStatus.FORBIDDEN;
	}

	/**
	 * The closed set of probe endings; the name is written to the {@code probe_outcome}
	 * column.
	 */
	public enum ProbeStatus {

		/** No probe was run (the status alone decided, or the account was not found). */
		NOT_RUN,
		/** The tool ran end to end. */
		SUCCEEDED,
		/** The provider rejected the grant (401). */
		UNAUTHORIZED,
		/** The provider denied the call (403). */
		FORBIDDEN,
		/**
		 * Rate-limited, provider down, timed out or broken connection, still so after the
		 * retry budget.
		 */
		INCONCLUSIVE,
		/**
		 * Refused for another reason (tool unknown to the connection, invalid request).
		 */
		REJECTED

	}

}
