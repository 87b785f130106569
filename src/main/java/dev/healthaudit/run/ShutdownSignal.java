package dev.healthaudit.run;

import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * Whether the application has begun to close (SIGTERM): from then on no report is
 * published.
 */
@Component
public class ShutdownSignal implements ApplicationListener<ContextClosedEvent> {

	private volatile boolean received;

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		this.received = true;
	}

	public boolean received() {
		return this.received;
	}

}
