package dev.healthaudit.policy;

import jakarta.validation.Payload;

/**
 * Marks a constraint whose violation is reported at the line of the section holding the
 * key rather than at the key's own line: a required key that is missing has no line of
 * its own.
 */
interface ReportedAtSection extends Payload {

}
