package dev.healthaudit.result;

import dev.healthaudit.finding.Finding;

/**
 * A connection-level incident: accounts of one connection failing for one connection-wide
 * cause (a provider rule such as {@code invalid_client}), fixed once for all of them.
 *
 * @param incident the provider rule id
 * @param accounts how many accounts it affects in the run
 */
public record Incident(String connectionName, String incident, Finding finding, String action, long accounts) {
}
