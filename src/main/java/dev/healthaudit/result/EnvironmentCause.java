package dev.healthaudit.result;

import java.util.Optional;
import java.util.Set;

import dev.healthaudit.probe.ProbeReport.ProbeStatus;

/**
 * A cause that keeps this job from auditing any account of the Scalekit environment, as
 * opposed to one account's or one connection's trouble: Scalekit refusing our own
 * credentials, or Scalekit being down or out of reach. Recognised from the stored result
 * of an {@code INCONCLUSIVE} account whose read ({@code /auth}) failed, so that a run can
 * say that its results describe the environment, not the accounts
 * ({@link EnvironmentIncident}).
 */
public enum EnvironmentCause {

	/** Scalekit answered 401 to our own access token, also after renewing it. */
	CREDENTIALS_REFUSED("credentials_refused",
			"Scalekit refused this job's API credentials (HTTP 401 for its access token, also after renewing it)",
			"Check SCALEKIT_CLIENT_ID and SCALEKIT_CLIENT_SECRET in the job's environment (was the API client "
					+ "deleted, or its secret rotated?), then run the audit again."),

	/**
	 * Scalekit answered with server errors, not at all, or with something that is not its
	 * API.
	 */
	API_UNAVAILABLE("api_unavailable",
			"Scalekit was unavailable or out of reach (server errors, no answer, or answers that were not the API's)",
			"Check Scalekit's status and the network path to SCALEKIT_ENVIRONMENT_URL (DNS, proxy, firewall), then "
					+ "run the audit again.");

	/**
	 * Error codes with which a result records that Scalekit refused our own token even
	 * after it was renewed, whatever the HTTP status says: the client's
	 * {@code ApiFailure.CredentialsRefused.CODE}.
	 */
	static final Set<String> TOKEN_REFUSED_CODES = Set.of("credentials_refused");

	private final String code;

	private final String cause;

	private final String action;

	EnvironmentCause(String code, String cause, String action) {
		this.code = code;
		this.cause = cause;
		this.action = action;
	}

	/**
	 * The cause's stable name in {@code summary.json} and notifications, e.g.
	 * {@code credentials_refused}.
	 */
	public String code() {
		return this.code;
	}

	/** What went wrong, as the end of a sentence. */
	public String cause() {
		return this.cause;
	}

	/** What the operator should do. */
	public String action() {
		return this.action;
	}

	/**
	 * The environment cause that an {@code INCONCLUSIVE} account's stored result shows,
	 * if any: only an account whose read failed (no status, no probe) tells about the
	 * environment; a failed probe is the provider's business.
	 * @param status the stored status, empty when the account was never read
	 * @param probeOutcome the stored {@code probe_outcome}
	 * @param httpStatus the stored HTTP status of the failure, 0 when no answer came
	 * @param errorCode the stored error code
	 */
	public static Optional<EnvironmentCause> of(String status, String probeOutcome, int httpStatus, String errorCode) {
		if (!accountReadFailed(status, probeOutcome) || providerError(errorCode)) {
			return Optional.empty();
		}
		if (ourCredentialsRefused(httpStatus, errorCode)) {
			return Optional.of(CREDENTIALS_REFUSED);
		}
		if (apiUnavailable(httpStatus)) {
			return Optional.of(API_UNAVAILABLE);
		}
		return Optional.empty();
	}

	private static boolean accountReadFailed(String status, String probeOutcome) {
		return status.isEmpty() && ProbeStatus.NOT_RUN.name().equals(probeOutcome);
	}

	/**
	 * A provider's failure passed on by Scalekit ({@code TOOL_ERROR}, or
	 * {@code TOOL_ERROR/<provider code>}).
	 */
	private static boolean providerError(String errorCode) {
		return errorCode.startsWith("TOOL_ERROR");
	}

	/**
	 * Scalekit refused our own access token: a 401 from Scalekit itself (the client
	 * renews the token once on a 401, so a stored 401 means the renewed one was refused
	 * too), or a code the client gives to that case.
	 */
	static boolean ourCredentialsRefused(int httpStatus, String errorCode) {
		return httpStatus == 401 || TOKEN_REFUSED_CODES.contains(errorCode);
	}

	/**
	 * Scalekit did not work as an API: a 5xx, no answer at all (0: refused or reset
	 * connection, timeout), or a 2xx that was not the API's JSON (a captive proxy's
	 * page).
	 */
	static boolean apiUnavailable(int httpStatus) {
		return httpStatus == 0 || httpStatus >= 500 || (httpStatus >= 200 && httpStatus < 300);
	}

}
