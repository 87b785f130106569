package dev.healthaudit.sandbox;

/**
 * How the API addresses a connected account: connection name (wire field
 * {@code connector}) and identifier.
 */
public record AccountKey(String connector, String identifier) {

}
