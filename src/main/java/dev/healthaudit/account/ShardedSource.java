package dev.healthaudit.account;

import java.util.List;
import java.util.Optional;

/**
 * The records of a source that belong to one shard. The position stays the underlying
 * source's, so a checkpoint resumes exactly where the shard stopped reading.
 */
public final class ShardedSource implements AccountSource {

	private final AccountSource source;

	private final Shard shard;

	public ShardedSource(AccountSource source, Shard shard) {
		this.source = source;
		this.shard = shard;
	}

	@Override
	public List<String> extraColumns() {
		return this.source.extraColumns();
	}

	@Override
	public List<String> droppedColumns() {
		return this.source.droppedColumns();
	}

	@Override
	public Optional<InputRecord> next() {
		while (true) {
			Optional<InputRecord> next = this.source.next();
			if (next.isEmpty() || this.shard.owns(next.get())) {
				return next;
			}
		}
	}

	@Override
	public void skip(long count) {
		this.source.skip(count);
	}

	@Override
	public long position() {
		return this.source.position();
	}

	@Override
	public void close() {
		this.source.close();
	}

}
