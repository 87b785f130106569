package dev.healthaudit.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One streaming pass over a source before anything is audited: how many records it holds
 * (for progress) and how many of them it rejects (to refuse an input that is mostly
 * garbage: the wrong file, the wrong encoding, a broken export). Duplicates are not
 * counted here: only the results store knows them.
 *
 * @param position the source's position at its end (blank lines included), the progress
 * total
 * @param records records that are accounts or rejects
 * @param rejected records the source rejected
 * @param examples the first few rejections, for the message
 */
public record InputCensus(long position, long records, long rejected, List<RejectedInput> examples) {

	private static final int EXAMPLES = 3;

	public InputCensus {
		examples = List.copyOf(examples);
	}

	/** Reads {@code source} to its end and closes it. */
	public static InputCensus take(AccountSource source) {
		try (source) {
			long records = 0;
			long rejected = 0;
			List<RejectedInput> examples = new ArrayList<>();
			for (Optional<InputRecord> next = source.next(); next.isPresent(); next = source.next()) {
				records++;
				if (next.get() instanceof RejectedInput rejection) {
					rejected++;
					if (examples.size() < EXAMPLES) {
						examples.add(rejection);
					}
				}
			}
			return new InputCensus(source.position(), records, rejected, examples);
		}
	}

	/**
	 * @param maxShare the largest acceptable share of rejected records, 0 to 1
	 * @param input names the input in the message
	 * @throws InvalidInputException when more than {@code maxShare} of the records are
	 * rejected
	 */
	public void requireRejectedShareAtMost(double maxShare, String input) {
		if (this.records == 0 || this.rejected <= maxShare * this.records) {
			return;
		}
		StringBuilder message = new StringBuilder().append(input)
			.append(": ")
			.append(this.rejected)
			.append(" of ")
			.append(this.records)
			.append(" input records (")
			.append(Math.round(100.0 * this.rejected / this.records))
			.append(" %) are rejected, more than audit.max-reject-share allows (")
			.append(Math.round(100 * maxShare))
			.append(" %); is it the right file, in UTF-8? Nothing was audited. First rejects:");
		this.examples.forEach((rejection) -> message.append(" line ")
			.append(rejection.line())
			.append(' ')
			.append(rejection.reason())
			.append(';'));
		message.setLength(message.length() - 1);
		throw new InvalidInputException(message.toString());
	}

}
