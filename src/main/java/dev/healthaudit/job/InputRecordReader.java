package dev.healthaudit.job;

import java.util.function.LongConsumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import dev.healthaudit.account.AccountSource;
import dev.healthaudit.account.InputRecord;

/**
 * Adapts an {@link AccountSource} to Batch; its checkpoint is the source's record
 * position.
 */
final class InputRecordReader implements ItemStreamReader<InputRecord> {

	static final String POSITION = "input.position";

	private final Supplier<AccountSource> opener;

	private final LongConsumer resumedAt;

	private AccountSource source;

	/**
	 * @param resumedAt told the position a restart continues from (for progress)
	 */
	InputRecordReader(Supplier<AccountSource> opener, LongConsumer resumedAt) {
		this.opener = opener;
		this.resumedAt = resumedAt;
	}

	@Override
	public void open(ExecutionContext context) {
		this.source = this.opener.get();
		if (context.containsKey(POSITION)) {
			this.source.skip(context.getLong(POSITION));
			this.resumedAt.accept(this.source.position());
		}
	}

	@Override
	public @Nullable InputRecord read() {
		return this.source.next().orElse(null);
	}

	/**
	 * How many records of the source have been read (the position a checkpoint after the
	 * last of them holds).
	 */
	long position() {
		return this.source.position();
	}

	@Override
	public void update(ExecutionContext context) {
		context.putLong(POSITION, this.source.position());
	}

	@Override
	public void close() {
		if (this.source != null) {
			this.source.close();
			this.source = null;
		}
	}

}
