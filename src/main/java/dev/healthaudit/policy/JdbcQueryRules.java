package dev.healthaudit.policy;

import org.jspecify.annotations.NullUnmarked;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The JDBC source's query rules: one SELECT, no write and no file function, read after
 * comments and quoted text are set aside ({@link JdbcSourceRules} has the URL's rules and
 * the reasons for both).
 */
@NullUnmarked
final class JdbcQueryRules {

	private JdbcQueryRules() {
	}

	/**
	 * Why {@code query} must not run, one message per problem naming
	 * {@code source.query}; empty when fine.
	 */
	static List<String> problems(String url, String query) {
		Scanned scanned;
		try {
			scanned = Scanned.of(query, JdbcSourceRules.isPostgresql(url));
		}
		catch (IllegalArgumentException ex) {
			return List.of("'source.query' " + ex.getMessage());
		}
		List<String> problems = new ArrayList<>();
		String code = scanned.code().strip();
		if (code.endsWith(";")) {
			code = code.substring(0, code.length() - 1);
		}
		if (code.indexOf(';') >= 0) {
			problems.add("'source.query' holds more than one statement; a source is one SELECT");
		}
		Matcher first = JdbcSourceRules.WORD.matcher(code);
		String firstWord = first.find() ? first.group().toUpperCase(Locale.ROOT) : "";
		if (!JdbcSourceRules.FIRST_WORDS.contains(firstWord)) {
			problems.add("'source.query' must be one SELECT statement (or WITH, VALUES, TABLE), not "
					+ (firstWord.isEmpty() ? "empty" : Excerpt.quoted(firstWord)) + ": a source is only read");
		}
		Set<String> words = words(code);
		Set<String> names = new LinkedHashSet<>(words);
		names.addAll(words(scanned.quotedNames()));
		names.stream()
			.filter(JdbcSourceRules.FILE_FUNCTIONS::contains)
			.forEach((function) -> problems.add("'source.query' calls " + function + ", which reads or writes files"
					+ (JdbcSourceRules.isH2(url) ? " of the job's machine" : " of the database server")
					+ "; a source query reads tables only"));
		if (JdbcSourceRules.isH2(url)) {
			words.stream()
				.filter(JdbcSourceRules.H2_WRITES::contains)
				.findFirst()
				.ifPresent((word) -> problems.add("'source.query' contains " + word + ", which writes or runs other "
						+ "statements; a source query reads tables only"));
			if (scanned.unicodeEscapes()) {
				problems.add("'source.query' uses a Unicode escape (U&\"...\"), which could spell a function name "
						+ "past this check; write the characters themselves");
			}
		}
		return problems;
	}

	private static Set<String> words(CharSequence text) {
		Set<String> words = new LinkedHashSet<>();
		Matcher matcher = JdbcSourceRules.WORD.matcher(text);
		while (matcher.find()) {
			words.add(matcher.group().toUpperCase(Locale.ROOT));
		}
		return words;
	}

	/**
	 * A query split into what the database parses as code (comments and string literals
	 * replaced by a space) and the text of its quoted identifiers, so that a word inside
	 * a literal ({@code 'FILE_READ'}) is not taken for a call while a quoted name
	 * ({@code "FILE_READ"(...)}) is still seen.
	 */
	private record Scanned(String code, String quotedNames, boolean unicodeEscapes) {

		static Scanned of(String query, boolean postgresql) {
			StringBuilder code = new StringBuilder();
			StringBuilder quoted = new StringBuilder();
			boolean unicode = false;
			int n = query.length();
			int i = 0;
			while (i < n) {
				char c = query.charAt(i);
				char next = (i + 1 < n) ? query.charAt(i + 1) : '\0';
				if (c == '-' && next == '-') {
					int end = query.indexOf('\n', i);
					i = (end < 0) ? n : end + 1;
					code.append(' ');
				}
				else if (c == '/' && next == '*') {
					int end = query.indexOf("*/", i + 2);
					if (end < 0) {
						throw new IllegalArgumentException("has a comment that is never closed");
					}
					// databases differ on nesting: rather than guess, refuse what could
					// be read two ways
					if (query.substring(i + 2, end).contains("/*")) {
						throw new IllegalArgumentException("has a comment inside a comment; remove it");
					}
					i = end + 2;
					code.append(' ');
				}
				else if (c == '\'') {
					boolean backslashes = postgresql && i > 0
							&& (query.charAt(i - 1) == 'E' || query.charAt(i - 1) == 'e')
							&& (i < 2 || !Character.isLetterOrDigit(query.charAt(i - 2)));
					i = skipQuoted(query, i, '\'', backslashes);
					code.append(' ');
				}
				else if (c == '"') {
					int end = skipQuoted(query, i, '"', false);
					quoted.append(query, i + 1, end - 1).append(' ');
					i = end;
					code.append(' ');
				}
				else if (c == '$' && (i == 0 || !isIdentifierPart(query.charAt(i - 1)))
						&& dollarTag(query, i, postgresql) != null) {
					String tag = dollarTag(query, i, postgresql);
					int end = query.indexOf(tag, i + tag.length());
					if (end < 0) {
						throw new IllegalArgumentException("has a $-quoted string that is never closed");
					}
					i = end + tag.length();
					code.append(' ');
				}
				else {
					if ((c == 'U' || c == 'u') && next == '&' && i + 2 < n && query.charAt(i + 2) == '"'
							&& (i == 0 || !isIdentifierPart(query.charAt(i - 1)))) {
						unicode = true;
					}
					code.append(c);
					i++;
				}
			}
			return new Scanned(code.toString(), quoted.toString(), unicode);
		}

		/**
		 * The index after the closing quote; a doubled quote (or, where allowed, a
		 * backslash) escapes it.
		 */
		private static int skipQuoted(String query, int start, char quote, boolean backslashes) {
			for (int i = start + 1; i < query.length(); i++) {
				char c = query.charAt(i);
				if (backslashes && c == '\\') {
					i++;
				}
				else if (c == quote) {
					if (i + 1 < query.length() && query.charAt(i + 1) == quote) {
						i++;
					}
					else {
						return i + 1;
					}
				}
			}
			throw new IllegalArgumentException(
					"has a quoted " + ((quote == '"') ? "name" : "string") + " that is never closed");
		}

		/**
		 * {@code $$}, or on PostgreSQL {@code $tag$}, starting at {@code start}; null
		 * when there is none.
		 */
		private static String dollarTag(String query, int start, boolean postgresql) {
			int i = start + 1;
			if (postgresql) {
				while (i < query.length() && (Character.isLetterOrDigit(query.charAt(i)) || query.charAt(i) == '_')) {
					i++;
				}
			}
			if (i < query.length() && query.charAt(i) == '$'
					&& (i == start + 1 || !Character.isDigit(query.charAt(start + 1)))) {
				return query.substring(start, i + 1);
			}
			return null;
		}

		private static boolean isIdentifierPart(char c) {
			return Character.isLetterOrDigit(c) || c == '_' || c == '$';
		}

	}

}
