package dev.healthaudit.scalekit;

/**
 * A successful tool execution. The provider's data is deliberately not kept: a probe only
 * needs to know that the call went through end to end, and the data may hold personal
 * information.
 */
public record ToolExecution(String executionId) {
}
