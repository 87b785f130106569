package dev.healthaudit.result;

import java.util.Optional;

/**
 * Problem findings compared with the previous completed run of the same policy, by
 * (connection, identifier, finding).
 *
 * @param previousRunId the run compared with; empty when there is none (then every
 * finding is new)
 * @param appeared in this run, not in the previous one ("new")
 * @param resolved in the previous run, not in this one
 * @param persisting in both
 */
public record Changes(Optional<String> previousRunId, long appeared, long resolved, long persisting) {
}
