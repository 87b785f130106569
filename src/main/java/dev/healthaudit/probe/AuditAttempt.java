package dev.healthaudit.probe;

/**
 * What a first attempt at auditing an account gives: its {@link AuditResult}, or a
 * {@link DeferredAudit} when a transient failure (a 429, a provider or Scalekit outage)
 * asked for a wait first.
 */
public sealed interface AuditAttempt permits AuditResult, DeferredAudit {

}
