/**
 * The command line:
 * {@code java -jar <jar> --policy=... [--input=...] [--reports-dir=...] [--sandbox]}.
 *
 * <p>
 * Design: {@link dev.healthaudit.command.AuditCommand} reads as the procedure (options,
 * policy, lease, assemble, run, finish) and leaves the run's own parts to the {@code run}
 * package (choosing or resuming it, assembling its collaborators, publishing its
 * reports). It validates everything that can be validated before any API call (policy,
 * input header, reports directory) and exits 2 with one clear message when something is
 * wrong. Exit codes follow product §6 and are returned through Spring Boot's
 * {@code ExitCodeGenerator} ({@code RunEnding} says the closing lines), so {@code main}
 * exits with them.
 *
 * <p>
 * {@code RunTelemetry} gathers what the outside world hears besides the reports (see
 * {@code metrics} and {@code notify}): it is told the policy, the run and the reports
 * directory as the command learns them, and at the end records the run's duration, pushes
 * the meters and posts the notification, none of which can change the exit code. With
 * structured console logs ({@code logging.structured.format.console}) the command's
 * closing lines are log events rather than plain prints, so that every line of the output
 * is one JSON event.
 *
 * <p>
 * Before the first account: the CSV input is counted (and refused when more than
 * {@code audit.max-reject-share} of it is rejected); once the run is chosen, right before
 * the audit (so that the run's first request is not followed by a pause), a token is
 * requested with the policy's retries, so that one lost answer does not fail a nightly
 * run while an unreachable environment still fails within a few backoffs (exit 1, one
 * line; the next start resumes the run) and refused credentials fail at once (exit 2).
 * {@code audit.sandbox.faults.*} turns on the sandbox's fault plan. Before that, the
 * reports directory is checked for writing (exit 2 naming it), so that it is not found
 * unusable after the audit.
 *
 * <p>
 * A run whose accounts mostly could not be audited for one cause of the environment
 * completes with exit 5 and an ERROR line (the reports lead with the incident). Reports
 * are published only while the application is not shutting down: a SIGTERM during the
 * report step withholds them, so that published reports always mean a completed run and a
 * stopped one resumes. {@code DataDirectoryPermissions} keeps the embedded database's
 * directory owner-only and {@code RecoveringMigration} completes migrations that an
 * earlier start left half-applied.
 */
@NullMarked
package dev.healthaudit.command;

import org.jspecify.annotations.NullMarked;
