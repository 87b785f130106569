/**
 * The per-account procedure of Scalekit's troubleshooting guide (product §4.2) and its
 * verdict (§4.3).
 *
 * <p>
 * Design: {@link dev.healthaudit.probe.AccountAuditor} performs the calls in the guide's
 * order (read the account, compare scopes, probe ACTIVE accounts, the refresh procedure
 * where the guide asks for it) and records what it saw as an
 * {@link dev.healthaudit.probe.Observation}.
 * {@link dev.healthaudit.probe.HealthClassifier} is a pure function from an observation
 * to findings, so the whole decision table is unit-tested without HTTP. Provider-specific
 * failures (Google block, Microsoft consent, Slack approval, invalid client) are one data
 * table, {@link dev.healthaudit.probe.ProviderRules}, checked before the generic status
 * classes because the guide's specific advice beats the generic one.
 *
 * <p>
 * "Refresh" never calls a refresh route: the real API has none. Scalekit refreshes
 * provider tokens itself when a tool runs, so the refresh procedure is: run the read-only
 * probe tool, then read the account again.
 */
@NullMarked
package dev.healthaudit.probe;

import org.jspecify.annotations.NullMarked;
