package dev.healthaudit.account;

/**
 * An input record that is not audited.
 *
 * @param reason a short code with detail, e.g. {@code empty_identifier} or
 * {@code unknown_connection: notion}
 * @param raw the record as read
 */
public record RejectedInput(long line, String reason, String raw) implements InputRecord {
}
