package dev.healthaudit.scalekit;

import org.jspecify.annotations.NullUnmarked;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The answer of {@code POST /api/v1/execute_tool}. Only {@code execution_id} is bound:
 * the provider's {@code data}, which the audit never keeps, is skipped while parsing
 * without being built in memory.
 */
@JsonNaming(SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@NullUnmarked
record ToolAnswer(@JsonAlias("executionId") String executionId) {

	ToolExecution execution() {
		return new ToolExecution(ServerValues.cut(ServerValues.text(this.executionId), ServerValues.MAX_ID_LENGTH * 2));
	}

}
