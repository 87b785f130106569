/**
 * Telling people that a run ended: an optional webhook ({@code audit.notify.webhook-url})
 * posted once per run.
 *
 * <p>
 * Design: a {@link dev.healthaudit.notify.RunNotice} holds what may leave the process:
 * the outcome, the policy name, the run id, the sandbox marker, headline counts
 * (accounts, healthy share, needing user action, inconclusive, connection-level incidents
 * by connection and cause), the report location and, for a failed run, its failure line.
 * Identifiers, authorization links and tokens have no field to go into; the failure line,
 * the one free text, goes through {@link dev.healthaudit.notify.Redaction} (URLs cut to
 * scheme and host, credential-shaped values blanked).
 * {@link dev.healthaudit.notify.NoticePayloads} renders it as a Slack message
 * ({@code text} as the fallback and the notification preview, {@code blocks} for the
 * figures, mrkdwn control characters escaped) or as a plain JSON document with stable
 * snake_case keys.
 *
 * <p>
 * {@link dev.healthaudit.notify.WebhookNotifier} posts with the JDK HTTP client and short
 * timeouts (5 s by default, for connecting and for the answer). A notification is best
 * effort: refused, timed out or non-2xx is logged and the run's exit code stays what it
 * was. A Slack webhook URL is itself a secret (its path is the credential), so logs and
 * error messages name the host only, never the URL.
 *
 * <p>
 * Sent for runs that completed (exit 0, 3 or 5), failed (exit 1, with the failure line)
 * or were refused as invalid configuration (exit 2); not when another run of the policy
 * holds the lease (exit 4), whose own end is notified.
 */
@NullMarked
package dev.healthaudit.notify;

import org.jspecify.annotations.NullMarked;
