package dev.healthaudit.probe;

import java.time.Instant;

import dev.healthaudit.account.AccountRef;

/**
 * An account whose attempt met a transient failure: it is attempted again from the start,
 * not before {@code notBefore}.
 *
 * @param attempts attempts made so far (the policy's {@code retry.max-attempts} bounds
 * them)
 * @param reason the failure, as {@code ApiFailure#describe()} puts it (no secrets)
 */
public record DeferredAudit(AccountRef account, int attempts, Instant notBefore,
		String reason) implements AuditAttempt {

}
