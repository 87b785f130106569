package dev.healthaudit.command;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import dev.healthaudit.sandbox.SandboxFleet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks of a run's report directory that every end-to-end test of a source makes the
 * same way.
 */
final class ReportChecks {

	private ReportChecks() {
	}

	/**
	 * {@code connection_name/identifier} of every row of a CSV file, in file order,
	 * repeats kept.
	 */
	static List<String> keys(Path csv) throws IOException {
		List<String> keys = new ArrayList<>();
		for (CSVRecord row : rows(csv)) {
			keys.add(key(row.get("connection_name"), row.get("identifier")));
		}
		return keys;
	}

	static String key(String connectionName, String identifier) {
		return connectionName + "/" + identifier;
	}

	/**
	 * The accounts of the fleet (all of them, or those of {@code connections}) as keys.
	 */
	static List<String> fleetKeys(SandboxFleet fleet, Collection<String> connections) {
		return fleet.accounts()
			.stream()
			.filter((account) -> connections.isEmpty() || connections.contains(account.connector()))
			.map((account) -> key(account.connector(), account.identifier()))
			.toList();
	}

	/**
	 * Every account of {@code expected} is in {@code accounts.csv} exactly once, and
	 * nothing else is.
	 */
	static void assertAccountsExactly(Path reports, Collection<String> expected) throws IOException {
		List<String> keys = keys(reports.resolve("accounts.csv"));
		assertThat(keys).as("accounts.csv lists each account once").doesNotHaveDuplicates();
		assertThat(keys).as("accounts.csv lists exactly the expected accounts").hasSameElementsAs(expected);
		assertThat(keys).hasSameSizeAs(expected);
	}

	/**
	 * No CSV file of the run names a column twice (case-insensitively), and none is named
	 * without a name.
	 */
	static void assertHeadersUnique(Path reports) throws IOException {
		List<Path> files;
		try (Stream<Path> listed = Files.list(reports)) {
			files = listed.filter((file) -> file.getFileName().toString().endsWith(".csv")).toList();
		}
		assertThat(files).extracting((file) -> file.getFileName().toString())
			.contains("accounts.csv", "reauth-campaign.csv", "rejects.csv");
		for (Path file : files) {
			List<String> header = header(file);
			assertThat(header.stream().map((name) -> name.toLowerCase(Locale.ROOT)).toList())
				.as("header of " + file.getFileName() + ": " + header)
				.doesNotHaveDuplicates();
		}
	}

	static List<String> header(Path csv) throws IOException {
		try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
				CSVParser parser = CSVFormat.RFC4180.parse(reader)) {
			return parser.iterator().next().toList();
		}
	}

	static List<CSVRecord> rows(Path csv) throws IOException {
		try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
			return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
		}
	}

	static int occurrences(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
			count++;
		}
		return count;
	}

}
