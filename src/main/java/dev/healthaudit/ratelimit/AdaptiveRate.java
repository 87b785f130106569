package dev.healthaudit.ratelimit;

import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * The rate a budget spends, weighed against the refusals it meets: pure arithmetic over
 * nanosecond times, no clock and no locking of its own ({@link RateBudget} calls it under
 * its lock). The package documentation gives the rules and why.
 */
final class AdaptiveRate {

	/**
	 * Refusals are sustained when at least this share of the window's answers were
	 * refusals, and at least {@code minRefusals} of them: a handful among few answers is
	 * no evidence of a limit.
	 */
	record Threshold(double share, int minRefusals) {
	}

	/**
	 * Scalekit's own limit: a sporadic 1 % reaches 2.5 % of 300 answers about once in a
	 * hundred windows.
	 */
	static final Threshold ENVIRONMENT = new Threshold(0.025, 4);

	/**
	 * A provider's: per-user quotas refuse distinct accounts at a steady share whatever
	 * the job's pace (the sandbox's fleet alone has several in a hundred), which is no
	 * reason to slow every account of the connection, so only a tenth of the answers
	 * refused is a limit of the connection (as the first design measured).
	 */
	static final Threshold PROVIDER = new Threshold(0.10, 5);

	static final int MIN_REFUSALS = ENVIRONMENT.minRefusals();

	/**
	 * From this share on the server refuses nearly everything: the budget also pauses for
	 * the {@code Retry-After}.
	 */
	static final double OVERWHELMED_SHARE = 0.8;

	/** A decrease goes to this share of the rate the server accepted. */
	static final double HEADROOM = 0.95;

	/**
	 * Never below this share of the configured rate, so that no storm of refusals stalls
	 * the run.
	 */
	static final double MIN_SHARE = 1.0 / 16;

	/**
	 * After a decrease, refusals of requests already in flight are the same overload, and
	 * the rate holds.
	 */
	static final long HOLD_NANOS = 1_000_000_000L;

	/** The rate grows once per this period. */
	static final long STEP_NANOS = 1_000_000_000L;

	/**
	 * Growth near the last rate found too high: a hundredth of the configured rate per
	 * step.
	 */
	static final double CAREFUL_STEP = 0.01;

	/**
	 * Growth above the last ceiling, while it may still hold: half a careful step, since
	 * each step costs refusals.
	 */
	static final double PROBE_STEP = 0.005;

	/**
	 * The last rate found too high is forgotten once the rate exceeds it by this share
	 * without sustained refusals.
	 */
	static final double CEILING_MARGIN = 0.03;

	/**
	 * The plateau is just below the last ceiling: sending at a limit exactly puts one
	 * request too many into some one-second windows.
	 */
	static final double PLATEAU_LEVEL = 0.99;

	/**
	 * Back at the last ceiling, the rate stays there this long before it probes above it.
	 */
	static final long PLATEAU_NANOS = 3_000_000_000L;

	private final double configured;

	private final Threshold threshold;

	private double rate;

	/**
	 * The rate the server accepted when refusals were last sustained; 0 when unknown or
	 * outgrown.
	 */
	private double ceiling;

	/**
	 * Growth per step, as a share of the configured rate: careful near a ceiling,
	 * doubling beyond it.
	 */
	private double step = CAREFUL_STEP;

	private long lastChange;

	private long lastDecrease;

	/** When the rate reached the last ceiling again, while it stays there. */
	private long plateauSince;

	private boolean onPlateau;

	private boolean decreased;

	AdaptiveRate(double configured, Threshold threshold, long now) {
		this.configured = configured;
		this.threshold = threshold;
		this.rate = configured;
		this.lastChange = now;
	}

	double rate() {
		return this.rate;
	}

	double configured() {
		return this.configured;
	}

	/**
	 * Holds until {@code until} (the end of a pause plus {@link #HOLD_NANOS}): answers to
	 * requests sent before the pause may arrive during it or just after, and are the same
	 * overload.
	 */
	void holdUntil(long until) {
		this.lastDecrease = until - HOLD_NANOS;
		this.decreased = true;
	}

	/**
	 * Whether refusals now are the echo of an overload this budget already reacted to.
	 */
	boolean holding(long now) {
		return this.decreased && now - this.lastDecrease < HOLD_NANOS;
	}

	/**
	 * Weighs a refusal against the window's evidence.
	 * @param evidence what the window holds, this refusal included
	 * @param measurable whether the window's answers are all of the budget's (false for a
	 * budget shared by shards, where this process sees its own requests only)
	 * @return the new, lower rate when the refusals are sustained; empty when they are
	 * sporadic or already answered
	 */
	OptionalDouble refused(RefusalWindow.Evidence evidence, boolean measurable, long now) {
		if (holding(now) || evidence.refused() < this.threshold.minRefusals()
				|| evidence.refusedShare() < this.threshold.share()) {
			return OptionalDouble.empty();
		}
		// what the server accepted just now; a shard sees only its own share of that, so
		// it scales its rate instead
		double accepted = measurable ? Math.min(this.rate, evidence.recentAcceptedRate())
				: this.rate * (1 - evidence.refusedShare());
		double lowered = Math.max(this.configured * MIN_SHARE, Math.min(accepted * HEADROOM, this.rate * HEADROOM));
		this.ceiling = Math.max(accepted, lowered);
		this.step = CAREFUL_STEP;
		this.lastDecrease = now;
		this.decreased = true;
		this.onPlateau = false;
		return change(lowered, now);
	}

	/**
	 * Another shard changed the shared rate: follow it; growth restarts from it,
	 * carefully.
	 */
	void adopt(double sharedRate, long now) {
		double before = this.rate;
		this.rate = Math.min(this.configured, sharedRate);
		if (this.rate < before) {
			// the same overload another shard already answered: hold, as after a decrease
			// of this budget's own
			this.ceiling = this.rate / HEADROOM;
			this.lastDecrease = now;
			this.decreased = true;
			this.onPlateau = false;
		}
		this.step = CAREFUL_STEP;
		this.lastChange = now;
	}

	/**
	 * Grows the rate by the steps due since the last change: straight back to just below
	 * the last ceiling, then by a hundredth of the configured rate per second while near
	 * it, then doubling once it is clearly outgrown.
	 * @return the new rate, when it changed
	 */
	OptionalDouble grow(long now, Supplier<RefusalWindow.Evidence> evidence, boolean measurable) {
		if (this.rate >= this.configured || now - this.lastChange < STEP_NANOS || holding(now)) {
			return OptionalDouble.empty();
		}
		long steps = (now - this.lastChange) / STEP_NANOS;
		double next = this.rate;
		for (long i = 1; i <= steps && next < this.configured; i++) {
			next = grownOnce(next, this.lastChange + i * STEP_NANOS, evidence, measurable);
		}
		this.lastChange += steps * STEP_NANOS;
		return change(Math.min(this.configured, next), this.lastChange);
	}

	private double grownOnce(double current, long at, Supplier<RefusalWindow.Evidence> evidence, boolean measurable) {
		if (this.ceiling > 0 && current < this.ceiling * (1 - CAREFUL_STEP * 3)) {
			return this.ceiling * (1 - CAREFUL_STEP * 3);
		}
		if (this.ceiling > 0 && current < this.ceiling * PLATEAU_LEVEL) {
			return Math.min(this.ceiling * PLATEAU_LEVEL, current + CAREFUL_STEP * this.configured);
		}
		if (this.ceiling > 0 && !this.onPlateau) {
			this.onPlateau = true;
			this.plateauSince = at;
		}
		if (this.ceiling > 0 && at - this.plateauSince < PLATEAU_NANOS) {
			return current;
		}
		if (this.ceiling > 0 && !outgrown(current, evidence.get(), measurable)) {
			return current + PROBE_STEP * this.configured;
		}
		// the server accepts more than it did: find the new limit quickly
		this.ceiling = 0;
		this.onPlateau = false;
		this.step = Math.min(this.step * 2, 0.25);
		return current + this.step * this.configured;
	}

	/**
	 * Whether the server now accepts clearly more than the last ceiling: what it accepted
	 * over the last second passed the ceiling by {@link #CEILING_MARGIN} (a limit that
	 * still holds keeps that at the ceiling, however far the rate probes above it). A
	 * shard sees only its own answers: for a shared bucket, the rate passing the ceiling
	 * by the margin with not a single refusal in the window has to do.
	 */
	private boolean outgrown(double current, RefusalWindow.Evidence evidence, boolean measurable) {
		if (measurable) {
			// and by more than one answer a second and a half, which a one-second count
			// can be off by at low rates
			return evidence.recentAcceptedRate() > Math.max(this.ceiling * (1 + CEILING_MARGIN), this.ceiling + 1.5);
		}
		return current >= this.ceiling * (1 + CEILING_MARGIN) && evidence.refused() == 0;
	}

	private OptionalDouble change(double newRate, long now) {
		this.lastChange = now;
		if (newRate == this.rate) {
			return OptionalDouble.empty();
		}
		this.rate = newRate;
		return OptionalDouble.of(newRate);
	}

}
