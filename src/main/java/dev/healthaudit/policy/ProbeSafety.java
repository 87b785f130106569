package dev.healthaudit.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Product §6: a probe runs against every account every night, so a tool that writes would send mail, post
 * messages or delete data at fleet scale. Tool names are the only hint we have, so a name containing a write-like
 * verb is refused unless the policy explicitly allows it.
 */
final class ProbeSafety {

	// Whole tokens, not substrings: "settings" must not match "set", nor "address" match "add".
	private static final Set<String> WRITE_VERBS = Set.of("send", "create", "update", "delete", "post", "put",
			"patch", "remove", "archive", "move", "insert", "write", "upload", "add", "set", "modify", "trash",
			"revoke", "invite", "merge", "close", "reply", "forward", "draft", "star", "label", "share", "publish",
			"cancel", "approve", "execute", "run", "kick", "ban", "transfer", "pay");

	private ProbeSafety() {
	}

	/** The first write-like token of {@code tool}, if any. */
	static Optional<String> writeToken(String tool) {
		return tokens(tool).stream().filter(WRITE_VERBS::contains).findFirst();
	}

	/**
	 * Lower-cased words of a tool name split on {@code _ - .}, spaces and camelCase, so that
	 * {@code gmail_send_email}, {@code chat.postMessage} and {@code HTTPPutObject} all yield their verb.
	 */
	static List<String> tokens(String tool) {
		List<String> tokens = new ArrayList<>();
		for (String part : tool.split("[_\\-.\\s]+")) {
			// lower->Upper starts a word; so does the last capital of an acronym followed by lower case.
			for (String word : part.split("(?<=\\p{Ll})(?=\\p{Lu})|(?<=\\p{Lu})(?=\\p{Lu}\\p{Ll})|(?<=\\p{L})(?=\\d)")) {
				if (!word.isEmpty()) {
					tokens.add(word.toLowerCase(Locale.ROOT));
				}
			}
		}
		return tokens;
	}

}
