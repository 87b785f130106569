package dev.healthaudit.policy;

import org.jspecify.annotations.NullUnmarked;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
	static final Set<String> FILE_FUNCTIONS = Set.of("FILE_READ", "FILE_WRITE", "CSVREAD", "CSVWRITE", "LINK_SCHEMA",
			"RUNSCRIPT", "PG_READ_FILE", "PG_READ_BINARY_FILE", "PG_LS_DIR", "PG_STAT_FILE", "LO_IMPORT", "LO_EXPORT",
			"DBLINK", "DBLINK_EXEC", "DBLINK_CONNECT");

	/**
	 * Words of statements that write or run other statements; H2 allows some of them
	 * inside a SELECT.
	 */
	static final Set<String> H2_WRITES = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "TRUNCATE", "DROP", "ALTER",
			"CREATE", "GRANT", "REVOKE", "CALL", "EXECUTE", "SCRIPT", "BACKUP", "SHUTDOWN", "SET");

	static final Set<String> FIRST_WORDS = Set.of("SELECT", "WITH", "VALUES", "TABLE");

	private static final Pattern PASSWORD = Pattern.compile("(?i)\\b((?:ssl)?password|passwd|pwd)(\\s*=\\s*)[^;&\\s]*");

	private static final Pattern USER_INFO = Pattern.compile("(//)[^/@\\s?#]+@");

	static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

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
	 * {@code source.query}; empty when fine ({@link JdbcQueryRules}).
	 */
	public static List<String> queryProblems(String url, String query) {
		return JdbcQueryRules.problems(url, query);
	}

}
