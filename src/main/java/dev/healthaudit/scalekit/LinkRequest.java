package dev.healthaudit.scalekit;

/** The body of {@code POST /api/v1/connected_accounts/magic_link}. */
record LinkRequest(String connector, String identifier) {
}
