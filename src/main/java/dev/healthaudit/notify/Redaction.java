package dev.healthaudit.notify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Last line of defence for text that leaves the process in a notification (a failure
 * message): URLs keep only their scheme and host, because paths and queries are where
 * webhook secrets, authorization links and tokens live, and anything shaped like a
 * credential is blanked. The figures themselves are counts and need none of this.
 */
public final class Redaction {

	private static final Pattern URL = Pattern
		.compile("(?i)\\b(https?)://([^/\\s?#@]*@)?([^/\\s?#:@]+)(:\\d+)?([/?#]\\S*)?");

	private static final Pattern CREDENTIAL = Pattern.compile(
			"(?i)\\b(access_token|refresh_token|token|client_secret|secret|password|code|key)(\\s*[=:]\\s*)[^\\s&,;]+");

	private static final Pattern BEARER = Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]+");

	/** Longest failure line sent: chat clients cut long messages anyway. */
	static final int MAX_LENGTH = 500;

	private Redaction() {
	}

	/** {@code text} on one line, redacted and at most {@value #MAX_LENGTH} characters. */
	public static String line(String text) {
		String line = text.lines().findFirst().orElse("").strip();
		line = URL.matcher(line).replaceAll((url) -> {
			String port = (url.group(4) != null) ? url.group(4) : "";
			boolean cut = url.group(5) != null && !url.group(5).equals("/");
			return Matcher.quoteReplacement(url.group(1) + "://" + url.group(3) + port + (cut ? "/…" : ""));
		});
		line = BEARER.matcher(line).replaceAll("Bearer …");
		line = CREDENTIAL.matcher(line).replaceAll("$1$2…");
		return (line.length() > MAX_LENGTH) ? line.substring(0, MAX_LENGTH - 1) + "…" : line;
	}

}
