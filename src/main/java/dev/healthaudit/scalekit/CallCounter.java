package dev.healthaudit.scalekit;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests sent, by {@link Route#label()}: cheap enough for every call of
 * every thread.
 */
public final class CallCounter implements CallListener {

	private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

	@Override
	public void afterCall(Route route, String connector, int httpStatus) {
		// counted when ended, so that a call still waiting for a rate budget is not
		// counted yet
		this.calls.computeIfAbsent(route.label(), (label) -> new LongAdder()).increment();
	}

	/** Calls so far by route label, sorted by label. */
	public Map<String, Long> snapshot() {
		Map<String, Long> snapshot = new TreeMap<>();
		this.calls.forEach((label, count) -> snapshot.put(label, count.sum()));
		return snapshot;
	}

}
