package dev.healthaudit.scalekit;

import java.util.Map;

import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The body of {@code POST /api/v1/execute_tool}. The tool's input goes in {@code params}
 * (not {@code tool_input}, which the API would drop).
 */
@JsonNaming(SnakeCaseStrategy.class)
record ToolRequest(String toolName, String connector, String identifier, Map<String, Object> params) {
}
