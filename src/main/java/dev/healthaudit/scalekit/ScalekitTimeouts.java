package dev.healthaudit.scalekit;

import java.time.Duration;

/**
 * Timeouts of the client: connecting, reading an ordinary API answer, and waiting for a
 * tool execution (which includes the provider's own latency, hence longer).
 */
public record ScalekitTimeouts(Duration connect, Duration read, Duration tool) {

	public static ScalekitTimeouts defaults() {
		return new ScalekitTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(60));
	}

}
