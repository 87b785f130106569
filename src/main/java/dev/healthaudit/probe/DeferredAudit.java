package dev.healthaudit.probe;

import java.time.Instant;

import dev.healthaudit.account.AccountRef;
import dev.healthaudit.ratelimit.AttemptTally;

/**
 * An account whose attempt met a transient failure: it is attempted again from the start,
 * not before {@code notBefore}.
 *
 * @param attempts attempts made so far (the policy's {@code retry.max-attempts} bounds
 * the failures among them, and the refusals of the pace apart)
 * @param reason the failure, as {@code ApiFailure#describe()} puts it (no secrets)
 */
public record DeferredAudit(AccountRef account, AttemptTally attempts, Instant notBefore,
		String reason) implements AuditAttempt {

}
