package dev.healthaudit.probe;

import java.util.concurrent.atomic.LongAdder;

/**
 * Run-wide tallies of the procedure that are not per account: retries so far.
 * Thread-safe.
 */
public final class AuditCounters {

	private final LongAdder retries = new LongAdder();

	public void retried() {
		this.retries.increment();
	}

	public long retries() {
		return this.retries.sum();
	}

}
