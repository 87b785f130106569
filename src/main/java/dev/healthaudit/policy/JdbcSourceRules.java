package dev.healthaudit.policy;

import org.jspecify.annotations.NullUnmarked;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a policy's JDBC source may ask of the job: to read rows, nothing else. A policy is
 * configuration, often kept and changed by other people than those who run the job, so
 * its URL and query must not become a way to run code in the job, read or write the job's
 * files, or open ports:
 * <ul>
 * <li>only the included drivers: PostgreSQL, and H2 as a server ({@code jdbc:h2:tcp://},
 * {@code jdbc:h2:ssl://}) or in memory ({@code jdbc:h2:mem:}). An embedded H2 database
 * file is refused: its engine would run inside the job with the job's file access and
 * could open any H2 file the job can read, the job's own results (which hold
 * authorization links) included.</li>
 * <li>H2 URL settings from a short list of harmless ones: {@code INIT} runs SQL when the
 * database opens ({@code RUNSCRIPT} from a file or URL, {@code CREATE ALIAS} with Java
 * code), {@code TRACE_LEVEL_FILE} writes every statement to a file, {@code AUTO_SERVER}
 * opens a port, and H2 has more of each kind.</li>
 * <li>PostgreSQL URL parameters that make the driver load a class ({@code socketFactory},
 * {@code sslfactory}, ...), write a log file ({@code loggerFile}) or give up read-only
 * mode are refused.</li>
 * <li>The query is one {@code SELECT} (or {@code WITH}, {@code VALUES}, {@code TABLE})
 * statement and calls no function that reads or writes files ({@code FILE_READ},
 * {@code CSVREAD}, {@code LINK_SCHEMA}, {@code pg_read_file}, ...). On H2, whose
 * read-only mode is only a hint to the engine, it also holds no statement that writes (a
 * data change delta table such as {@code FINAL TABLE (DELETE ...)} is a {@code SELECT}
 * that writes).</li>
 * </ul>
 * Messages show the URL with its passwords masked ({@link #mask}).
 */
@NullUnmarked
public final class JdbcSourceRules {

	private static final String H2 = "jdbc:h2:";

	private static final String POSTGRESQL = "jdbc:postgresql:";

	/**
	 * H2 URL settings a source may use: how names and nulls are read, timeouts, and
	 * opening only what exists.
	 */
	static final Set<String> H2_SETTINGS = Set.of("IFEXISTS", "FORBID_CREATION", "DB_CLOSE_DELAY", "MODE",
			"DATABASE_TO_UPPER", "DATABASE_TO_LOWER", "CASE_INSENSITIVE_IDENTIFIERS", "IGNORECASE",
			"DEFAULT_NULL_ORDERING", "NON_KEYWORDS", "SCHEMA", "SCHEMA_SEARCH_PATH", "QUERY_TIMEOUT", "LOCK_TIMEOUT",
			"NETWORK_TIMEOUT", "AUTO_RECONNECT", "ACCESS_MODE_DATA", "USER", "PASSWORD", "TIME ZONE");

	/**
	 * Why an H2 setting that is not allowed is dangerous, where there is more to say than
	 * "not needed".
	 */
	private static final Map<String, String> H2_DANGERS = Map.ofEntries(
			Map.entry("INIT",
					"runs SQL when the database opens (RUNSCRIPT from a file or URL, CREATE ALIAS with Java "
							+ "code): a policy must not run code in the job"),
			Map.entry("TRACE_LEVEL_FILE", "writes every statement to a trace file"),
			Map.entry("TRACE_LEVEL_SYSTEM_OUT", "writes every statement to the job's output"),
			Map.entry("TRACE_MAX_FILE_SIZE", "writes a trace file"),
			Map.entry("AUTO_SERVER", "opens a network port in the job"),
			Map.entry("AUTO_SERVER_PORT", "opens a network port in the job"),
			Map.entry("FILE_LOCK", "changes how database files are locked"),
			Map.entry("RECOVER", "rewrites database files"), Map.entry("OPEN_NEW", "creates database files"),
			Map.entry("JMX", "registers management beans in the job"),
			Map.entry("JAVA_OBJECT_SERIALIZER",
					"makes the engine load a Java class: a policy must not run code in " + "the job"),
			Map.entry("DATABASE_EVENT_LISTENER",
					"makes the engine load a Java class: a policy must not run code in " + "the job"),
			Map.entry("AUTHENTICATOR", "makes the engine load a Java class: a policy must not run code in the job"),
			Map.entry("IGNORE_UNKNOWN_SETTINGS", "would hide settings from this check"));

	/** PostgreSQL URL parameters that make the driver load a class or write a file. */
	private static final Map<String, String> POSTGRESQL_DANGERS = Map.ofEntries(
			Map.entry("socketfactory", "makes the driver load a Java class"),
			Map.entry("socketfactoryarg", "is an argument for a class the driver would load"),
			Map.entry("sslfactory", "makes the driver load a Java class"),
			Map.entry("sslfactoryarg", "is an argument for a class the driver would load"),
			Map.entry("sslhostnameverifier", "makes the driver load a Java class"),
			Map.entry("sslpasswordcallback", "makes the driver load a Java class"),
			Map.entry("authenticationpluginclassname", "makes the driver load a Java class"),
			Map.entry("loggerfile", "writes the driver's log, statements included, to a file"),
			Map.entry("loggerlevel", "writes the driver's log, statements included"));

	/**
	 * Functions that read or write files (of the job's machine for H2, of the database
	 * server for PostgreSQL).
	 */
	private static final Set<String> FILE_FUNCTIONS = Set.of("FILE_READ", "FILE_WRITE", "CSVREAD", "CSVWRITE",
			"LINK_SCHEMA", "RUNSCRIPT", "PG_READ_FILE", "PG_READ_BINARY_FILE", "PG_LS_DIR", "PG_STAT_FILE", "LO_IMPORT",
			"LO_EXPORT", "DBLINK", "DBLINK_EXEC", "DBLINK_CONNECT");

	/**
	 * Words of statements that write or run other statements; H2 allows some of them
	 * inside a SELECT.
	 */
	private static final Set<String> H2_WRITES = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "TRUNCATE", "DROP",
			"ALTER", "CREATE", "GRANT", "REVOKE", "CALL", "EXECUTE", "SCRIPT", "BACKUP", "SHUTDOWN", "SET");

	private static final Set<String> FIRST_WORDS = Set.of("SELECT", "WITH", "VALUES", "TABLE");

	private static final Pattern PASSWORD = Pattern.compile("(?i)\\b((?:ssl)?password|passwd|pwd)(\\s*=\\s*)[^;&\\s]*");

	private static final Pattern USER_INFO = Pattern.compile("(//)[^/@\\s?#]+@");

	private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

	private JdbcSourceRules() {
	}

	public static boolean isH2(String url) {
		return url.regionMatches(true, 0, H2, 0, H2.length());
	}

	public static boolean isPostgresql(String url) {
		return url.regionMatches(true, 0, POSTGRESQL, 0, POSTGRESQL.length());
	}

	/**
	 * {@code text} with every password setting ({@code password=...}) and user info
	 * ({@code //user:pw@}) masked.
	 */
	public static String mask(String text) {
		if (text == null) {
			return "";
		}
		String masked = PASSWORD.matcher(text).replaceAll("$1$2****");
		return USER_INFO.matcher(masked).replaceAll("$1****@");
	}

	/**
	 * As {@link #mask(String)}, and every occurrence of {@code password} itself too (a
	 * driver may echo it); not for passwords shorter than four characters, whose every
	 * occurrence would make the text unreadable.
	 */
	public static String mask(String text, String password) {
		String masked = mask(text);
		return (password == null || password.length() < 4) ? masked : masked.replace(password, "****");
	}

	/**
	 * Every rule both settings break, each message naming its key; empty when the source
	 * may be opened.
	 */
	public static List<String> problems(String url, String query) {
		List<String> problems = new ArrayList<>(urlProblems(url));
		problems.addAll(queryProblems(url, query));
		return problems;
	}

	/**
	 * Why {@code url} must not be opened, one message per problem naming
	 * {@code source.url}; empty when fine.
	 */
	public static List<String> urlProblems(String url) {
		if (isH2(url)) {
			return h2UrlProblems(url);
		}
		if (isPostgresql(url)) {
			return postgresqlUrlProblems(url);
		}
		return List.of("'source.url' " + Excerpt.quoted(mask(url)) + " is not a PostgreSQL (jdbc:postgresql://...) or "
				+ "H2 server (jdbc:h2:tcp://...) URL: only these included drivers are vetted for sources");
	}

	private static List<String> h2UrlProblems(String url) {
		List<String> problems = new ArrayList<>();
		String rest = url.substring(H2.length());
		int semicolon = rest.indexOf(';');
		String name = (semicolon >= 0) ? rest.substring(0, semicolon) : rest;
		String lowerName = name.toLowerCase(Locale.ROOT);
		if (!lowerName.startsWith("mem:") && !lowerName.startsWith("tcp://") && !lowerName.startsWith("ssl://")) {
			problems.add("'source.url' opens an embedded H2 database file (" + Excerpt.quoted(name) + "): its engine "
					+ "would run inside the job with the job's file access (it could open the job's own results, "
					+ "which hold authorization links); use an H2 server (jdbc:h2:tcp://host/db) or PostgreSQL");
		}
		if (semicolon < 0) {
			return problems;
		}
		for (String setting : splitH2Settings(rest.substring(semicolon + 1))) {
			if (setting.isBlank()) {
				continue;
			}
			int equals = setting.indexOf('=');
			if (equals < 0) {
				problems.add("'source.url' has an H2 setting that is not KEY=VALUE: " + Excerpt.quoted(mask(setting)));
				continue;
			}
			String key = setting.substring(0, equals).strip().toUpperCase(Locale.ROOT);
			String value = setting.substring(equals + 1).strip();
			if (key.equals("ACCESS_MODE_DATA") && !value.equalsIgnoreCase("r")) {
				problems.add("'source.url' sets H2's ACCESS_MODE_DATA to " + Excerpt.quoted(value)
						+ ": a source is only read (r)");
			}
			else if (!H2_SETTINGS.contains(key)) {
				problems.add("'source.url' sets H2's " + Excerpt.of(key) + ", which "
						+ Optional.ofNullable(H2_DANGERS.get(key)).orElse("a source does not need") + " (allowed: "
						+ String.join(", ", H2_SETTINGS.stream().sorted().toList()) + ")");
			}
		}
		return problems;
	}

	/**
	 * Splits as H2 does: on {@code ;}, a backslash taking the next character literally.
	 */
	private static List<String> splitH2Settings(String settings) {
		List<String> parts = new ArrayList<>();
		StringBuilder part = new StringBuilder();
		for (int i = 0; i < settings.length(); i++) {
			char c = settings.charAt(i);
			if (c == '\\' && i + 1 < settings.length()) {
				part.append(settings.charAt(++i));
			}
			else if (c == ';') {
				parts.add(part.toString());
				part.setLength(0);
			}
			else {
				part.append(c);
			}
		}
		parts.add(part.toString());
		return parts;
	}

	private static List<String> postgresqlUrlProblems(String url) {
		List<String> problems = new ArrayList<>();
		int question = url.indexOf('?');
		if (question < 0) {
			return problems;
		}
		for (String parameter : url.substring(question + 1).split("&")) {
			int equals = parameter.indexOf('=');
			String rawKey = (equals >= 0) ? parameter.substring(0, equals) : parameter;
			String value = (equals >= 0) ? parameter.substring(equals + 1) : "";
			String key;
			try {
				key = URLDecoder.decode(rawKey, StandardCharsets.UTF_8).strip();
				value = URLDecoder.decode(value, StandardCharsets.UTF_8).strip();
			}
			catch (IllegalArgumentException ex) {
				problems
					.add("'source.url' has a parameter that is not URL-encoded: " + Excerpt.quoted(mask(parameter)));
				continue;
			}
			String lower = key.toLowerCase(Locale.ROOT);
			if (POSTGRESQL_DANGERS.containsKey(lower)) {
				problems.add("'source.url' sets PostgreSQL's " + Excerpt.of(key) + ", which "
						+ POSTGRESQL_DANGERS.get(lower) + ": a policy must not run code or write files in the job");
			}
			else if ((lower.equals("readonly") && !value.equalsIgnoreCase("true"))
					|| (lower.equals("readonlymode") && value.equalsIgnoreCase("ignore"))) {
				problems.add("'source.url' sets PostgreSQL's " + Excerpt.of(key) + "=" + Excerpt.of(value)
						+ ": a source is only read, in a read-only transaction");
			}
		}
		return problems;
	}

	/**
	 * Why {@code query} must not run, one message per problem naming
	 * {@code source.query}; empty when fine.
	 */
	public static List<String> queryProblems(String url, String query) {
		Scanned scanned;
		try {
			scanned = Scanned.of(query, isPostgresql(url));
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
		Matcher first = WORD.matcher(code);
		String firstWord = first.find() ? first.group().toUpperCase(Locale.ROOT) : "";
		if (!FIRST_WORDS.contains(firstWord)) {
			problems.add("'source.query' must be one SELECT statement (or WITH, VALUES, TABLE), not "
					+ (firstWord.isEmpty() ? "empty" : Excerpt.quoted(firstWord)) + ": a source is only read");
		}
		Set<String> words = words(code);
		Set<String> names = new LinkedHashSet<>(words);
		names.addAll(words(scanned.quotedNames()));
		names.stream()
			.filter(FILE_FUNCTIONS::contains)
			.forEach((function) -> problems.add("'source.query' calls " + function + ", which reads or writes files"
					+ (isH2(url) ? " of the job's machine" : " of the database server")
					+ "; a source query reads tables only"));
		if (isH2(url)) {
			words.stream()
				.filter(H2_WRITES::contains)
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
		Matcher matcher = WORD.matcher(text);
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
