package dev.healthaudit.result;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.healthaudit.finding.Finding;

/**
 * A run-level incident: most accounts of the run could not be audited for one
 * {@link EnvironmentCause}, so its results describe the environment rather than the
 * accounts. The run still completes and publishes its reports, which say so first.
 *
 * <p>
 * "Most" is more than half of the audited accounts, and at least {@link #MIN_ACCOUNTS} of
 * them: a run of three accounts that meets one outage is not an incident of the
 * environment.
 *
 * @param accounts accounts left {@code INCONCLUSIVE} by the cause
 * @param audited all accounts of the run
 */
public record EnvironmentIncident(EnvironmentCause cause, long accounts, long audited) {

	/** The fewest affected accounts that make an incident. */
	public static final long MIN_ACCOUNTS = 5;

	/** The finding every affected account carries. */
	public static final Finding FINDING = Finding.INCONCLUSIVE;

	/**
	 * The incident among {@code affected} (accounts per cause), if one cause left most of
	 * the {@code audited} accounts undecided.
	 */
	public static Optional<EnvironmentIncident> of(Map<EnvironmentCause, Long> affected, long audited) {
		return affected.entrySet()
			.stream()
			.filter((entry) -> isMost(entry.getValue(), audited))
			.map((entry) -> new EnvironmentIncident(entry.getKey(), entry.getValue(), audited))
			.findFirst();
	}

	static boolean isMost(long accounts, long audited) {
		return accounts >= MIN_ACCOUNTS && accounts * 2 > audited;
	}

	/** The incident's stable name, e.g. {@code credentials_refused}. */
	public String code() {
		return this.cause.code();
	}

	/** One sentence for logs, notifications and reports; counts only. */
	public String message() {
		return String.format(Locale.ROOT,
				"The run could not audit most accounts: %,d of %,d (%.1f %%) are INCONCLUSIVE because %s. Their "
						+ "results say nothing about the accounts themselves.",
				this.accounts, this.audited, 100.0 * this.accounts / this.audited, this.cause.cause());
	}

	public String action() {
		return this.cause.action();
	}

}
