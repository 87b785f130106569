package dev.healthaudit.result;

/** A stored rejected input record. */
public record RejectRow(long line, String reason, String raw) {
}
