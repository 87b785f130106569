package dev.healthaudit.probe;

import java.util.concurrent.atomic.LongAdder;

import dev.healthaudit.scalekit.ApiFailure;

/** Run-wide tallies of the procedure that are not per account: retries so far. Thread-safe. */
public final class AuditCounters {

	private final LongAdder retries = new LongAdder();

	void retried(ApiFailure cause) {
		this.retries.increment();
	}

	public long retries() {
		return this.retries.sum();
	}

}
