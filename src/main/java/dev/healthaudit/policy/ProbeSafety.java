package dev.healthaudit.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Product §6: a probe runs against every account every night, so a tool that writes would
 * send mail, post messages or delete data at fleet scale. Tool names are the only hint we
 * have, so a name containing a write-like verb is refused unless the policy explicitly
 * allows it.
 *
 * <p>
 * A name is split into words on {@code _ - .}, spaces, digits and camelCase. A word that
 * is a write verb is a write ({@code gmail_send_email}, {@code chat.postMessage}). A word
 * that only starts with one is a write when the rest of it names a thing a tool writes
 * ({@code gmail_sendmessage}, {@code createissue}, {@code deleteevent}): the rest must be
 * an object, not any text, because most words that start with a verb are nouns a read
 * tool lists ({@code get_settings}, {@code get_posts}, {@code get_updates},
 * {@code list_labels}, {@code get_sender_info}) or names of providers ({@code sendgrid},
 * {@code sharepoint}, {@code postmark}, {@code dropbox}). Such a list is never complete;
 * a read tool refused by mistake is allowed with {@code allowed-write-tools}.
 */
final class ProbeSafety {

	// Whole words, not substrings: "settings" must not match "set", nor "address" match
	// "add". Verbs that are as often
	// nouns of read tools (book, schedule, import, trigger, deploy, grant, broadcast) are
	// not here.
	private static final Set<String> WRITE_VERBS = Set.of("send", "create", "update", "delete", "post", "put", "patch",
			"remove", "archive", "move", "insert", "write", "upload", "add", "set", "modify", "trash", "revoke",
			"invite", "merge", "close", "reply", "forward", "draft", "star", "label", "share", "publish", "cancel",
			"approve", "execute", "run", "kick", "ban", "transfer", "pay", "submit", "edit", "rename", "assign", "mute",
			"subscribe", "unsubscribe", "unfollow", "unblock", "reset", "restore", "dispatch", "notify", "accept",
			"decline", "reject", "reopen", "purge", "destroy", "drop", "truncate", "replace", "save", "attach",
			"detach", "untrash", "unarchive", "unstar", "unlabel", "unshare", "mark", "react", "enable", "disable",
			"snooze");

	/**
	 * Verbs tried on a run-together word, longest first, so "unarchive" is not read as
	 * "un" + "archive".
	 */
	private static final List<String> VERBS_LONGEST_FIRST = WRITE_VERBS.stream()
		.sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
		.toList();

	/**
	 * Things tools write to. A run-together word is a write when one of these begins what
	 * follows its verb (after an article or qualifier, see {@link #FILLERS}); what
	 * follows the verb of a noun such as "settings", "posts", "updates", "sender",
	 * "payload" or "sharepoint" begins with none of them.
	 */
	private static final List<String> OBJECTS = List.of("message", "mail", "email", "sms", "text", "chat", "dm",
			"issue", "ticket", "pullrequest", "pull", "event", "meeting", "invite", "invitation", "file", "folder",
			"doc", "document", "page", "sheet", "spreadsheet", "row", "record", "item", "task", "todo", "note",
			"comment", "reply", "reaction", "post", "status", "topic", "channel", "conversation", "thread", "draft",
			"label", "tag", "user", "member", "contact", "lead", "deal", "account", "repo", "branch", "commit",
			"release", "gist", "project", "board", "card", "calendar", "attachment", "object", "blob", "bucket", "key",
			"secret", "token", "webhook", "hook", "subscription", "workflow", "job", "pipeline", "build", "script",
			"invoice", "payment", "order", "charge", "refund", "customer", "product", "transaction", "fund", "money",
			"link", "permission", "role", "group", "team", "presence", "profile", "reminder", "bookmark", "star",
			"data", "entry", "entries", "value", "cell", "form", "response", "photo", "image", "video", "content",
			"tweet", "story", "reel", "playlist", "song", "track", "alarm", "device", "setting", "config", "password",
			"rule", "filter", "signature", "vacation", "forwarding", "delegate", "alias", "domain", "site", "database",
			"table", "query", "read", "unread", "spam", "done", "all");

	/**
	 * Words between a verb and its object in a run-together word: sendnewmessage,
	 * replytoall, markasread.
	 */
	private static final List<String> FILLERS = List.of("new", "an", "a", "the", "my", "bulk", "batch", "multiple",
			"many", "all", "to", "as");

	/**
	 * Words that may come before the verb in a run-together word: gmailsendmessage,
	 * bulkdeleteevents.
	 */
	private static final List<String> LEADERS = List.of("gmail", "google", "slack", "github", "gitlab", "outlook",
			"microsoft", "teams", "notion", "jira", "confluence", "hubspot", "salesforce", "zoom", "asana", "trello",
			"linear", "discord", "twitter", "linkedin", "calendar", "drive", "sheets", "docs", "bulk", "batch", "mass",
			"multi", "auto", "quick");

	private ProbeSafety() {
	}

	/**
	 * The first write verb in {@code tool}, as a word of its own or at the start of a
	 * run-together word.
	 */
	static Optional<String> writeToken(String tool) {
		for (String token : tokens(tool)) {
			if (WRITE_VERBS.contains(token)) {
				return Optional.of(token);
			}
			Optional<String> joined = runTogetherVerb(token);
			if (joined.isPresent()) {
				return joined;
			}
		}
		return Optional.empty();
	}

	/**
	 * The verb of a word like {@code sendmessage} or {@code gmailcreateissue}, when the
	 * rest names an object.
	 */
	private static Optional<String> runTogetherVerb(String token) {
		List<String> starts = new ArrayList<>(List.of(token));
		LEADERS.stream().filter(token::startsWith).forEach((leader) -> starts.add(token.substring(leader.length())));
		for (String start : starts) {
			for (String verb : VERBS_LONGEST_FIRST) {
				if (start.startsWith(verb) && start.length() > verb.length()
						&& namesAnObject(start.substring(verb.length()))) {
					return Optional.of(verb);
				}
			}
		}
		return Optional.empty();
	}

	private static boolean namesAnObject(String rest) {
		if (startsWithObject(rest)) {
			return true;
		}
		return FILLERS.stream()
			.anyMatch((filler) -> rest.startsWith(filler) && startsWithObject(rest.substring(filler.length())));
	}

	private static boolean startsWithObject(String text) {
		return OBJECTS.stream().anyMatch(text::startsWith);
	}

	/**
	 * Lower-cased words of a tool name split on {@code _ - .}, spaces, digits and
	 * camelCase, so that {@code gmail_send_email}, {@code chat.postMessage} and
	 * {@code HTTPPutObject} all yield their verb.
	 */
	static List<String> tokens(String tool) {
		List<String> tokens = new ArrayList<>();
		for (String part : tool.split("[_\\-.\\s]+")) {
			// lower->Upper starts a word; so does the last capital of an acronym followed
			// by lower case.
			for (String word : part.split(
					"(?<=\\p{Ll})(?=\\p{Lu})|(?<=\\p{Lu})(?=\\p{Lu}\\p{Ll})|(?<=\\p{L})(?=\\d)|(?<=\\d)(?=\\p{L})")) {
				if (!word.isEmpty()) {
					tokens.add(word.toLowerCase(Locale.ROOT));
				}
			}
		}
		return tokens;
	}

}
