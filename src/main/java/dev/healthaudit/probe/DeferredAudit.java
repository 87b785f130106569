package dev.healthaudit.probe;

import java.time.Instant;

import dev.healthaudit.account.AccountRef;

/**
 * An account whose first attempt met a transient failure: it is audited again, from the start and with the policy's
 * full retries, in the run's second pass, not before {@code notBefore}.
 *
 * @param reason the failure, as {@code ApiFailure#describe()} puts it (no secrets)
 */
public record DeferredAudit(AccountRef account, Instant notBefore, String reason) implements AuditAttempt {

}
