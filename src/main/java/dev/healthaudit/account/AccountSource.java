package dev.healthaudit.account;

import java.util.List;
import java.util.Optional;

/**
 * A forward-only stream of input records. Implementations are not thread-safe: the job
 * reads on one thread.
 */
public interface AccountSource extends AutoCloseable {

	/**
	 * Names of the input's extra columns, in input order (carried through to the
	 * outputs).
	 */
	List<String> extraColumns();

	/**
	 * Input columns that are not carried through because a column of the outputs has
	 * their name (or they hold authorization links, which belong in
	 * {@code reauth-campaign.csv} only), in input order.
	 */
	default List<String> droppedColumns() {
		return List.of();
	}

	/** The next record, or empty at the end of the input. */
	Optional<InputRecord> next();

	/**
	 * How many records {@link #next()} has returned so far: the position saved in a
	 * checkpoint.
	 */
	long position();

	/**
	 * Skips records until {@link #position()} reaches {@code count}, to resume where a
	 * checkpoint left off.
	 */
	default void skip(long count) {
		while (position() < count && next().isPresent()) {
			// records before the checkpoint were handled by the earlier attempt
		}
	}

	@Override
	void close();

}
