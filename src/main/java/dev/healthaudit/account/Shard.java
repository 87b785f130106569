package dev.healthaudit.account;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * One of {@code count} deterministic slices of the input. An account belongs to the slice
 * chosen by a stable hash of its connection name and identifier, so every shard process
 * reading the same input agrees on who audits what, and a duplicate pair lands in the
 * same shard (where it is recognised). Records without a usable pair go by line.
 *
 * @param index 0-based
 */
public record Shard(int index, int count) {

	public static final Shard ALL = new Shard(0, 1);

	public Shard {
		if (count < 1 || index < 0 || index >= count) {
			throw new IllegalArgumentException("shard " + index + "/" + count + " is not a valid shard");
		}
	}

	/** Parses {@code i/n} with a 0-based {@code i}. */
	public static Shard parse(String text) {
		String[] parts = text.trim().split("/");
		try {
			if (parts.length == 2) {
				return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException("--shard must look like i/n (0-based index), got '" + text + "'");
	}

	public boolean isWhole() {
		return this.count == 1;
	}

	boolean owns(InputRecord record) {
		if (this.count == 1) {
			return true;
		}
		if (record instanceof AccountRef account) {
			return slice(account.connectionName() + "\u0000" + account.identifier()) == this.index;
		}
		return Math.floorMod(record.line(), (long) this.count) == this.index;
	}

	private int slice(String key) {
		CRC32C crc = new CRC32C();
		crc.update(key.getBytes(StandardCharsets.UTF_8));
		return (int) Math.floorMod(crc.getValue(), (long) this.count);
	}

	@Override
	public String toString() {
		return this.index + "/" + this.count;
	}

}
