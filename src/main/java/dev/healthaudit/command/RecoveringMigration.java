package dev.healthaudit.command;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Flyway's migrate, made to survive a start that failed half-way through a migration.
 *
 * <p>
 * H2 applies DDL outside transactions: when a migration fails (the disk fills up, the
 * process is killed), the statements before the failure stay. Flyway then records the
 * migration as failed and refuses every later start ("Detected failed migration"), or,
 * when even that record could not be written, runs the migration again from its first
 * statement and fails on what is already there
 * ({@code Table "AUDIT_DEFERRED" already exists}). So:
 * <ul>
 * <li>every migration is idempotent ({@code create table if not exists},
 * {@code create index if not exists}, {@code add column if not exists}; data changes
 * written to run twice): applied again from the start, it completes what a failed attempt
 * left, and does nothing to what that attempt finished;</li>
 * <li>before migrating, a migration recorded as failed is removed from the schema history
 * ({@code repair}), so that {@code migrate} applies it again.</li>
 * </ul>
 * PostgreSQL runs each migration in a transaction, so there a failure leaves nothing
 * behind; the same scripts work there too.
 *
 * <p>
 * V1 to V6 became idempotent after databases had recorded their earlier checksums. The
 * schema they make is the same, so those checksums, and only those, are realigned
 * ({@code repair}) once; any other mismatch (a changed migration) still fails validation,
 * as Flyway intends.
 */
final class RecoveringMigration implements FlywayMigrationStrategy {

	private static final Logger logger = LoggerFactory.getLogger(RecoveringMigration.class);

	/**
	 * Checksums recorded by versions whose V1 to V6 were not idempotent yet, by migration
	 * version.
	 */
	static final Map<String, Integer> EARLIER_CHECKSUMS = Map.of("1", -1546168589, "2", -893252541, "3", 94638869, "4",
			-738499857, "5", -646206133, "6", 1036481029);

	@Override
	public void migrate(Flyway flyway) {
		List<MigrationInfo> applied = Arrays.asList(flyway.info().applied());
		List<MigrationInfo> failed = applied.stream()
			.filter((migration) -> migration.getState() == MigrationState.FAILED)
			.toList();
		List<MigrationInfo> mismatched = applied.stream()
			.filter((migration) -> migration.getState().isResolved() && !migration.isChecksumMatching())
			.filter((migration) -> !failed.contains(migration))
			.toList();
		boolean onlyEarlierChecksums = mismatched.stream().allMatch(RecoveringMigration::hasEarlierChecksum);
		if ((!failed.isEmpty() || !mismatched.isEmpty()) && onlyEarlierChecksums) {
			failed.forEach((migration) -> logger.warn(
					"migration {} ({}) failed on an earlier start and was left "
							+ "half-applied; applying it again (its statements are idempotent)",
					migration.getVersion(), migration.getDescription()));
			if (!mismatched.isEmpty()) {
				logger.info("recording the idempotent form of migrations {} (same schema as the earlier form)",
						mismatched.stream()
							.map((migration) -> migration.getVersion().toString())
							.collect(Collectors.joining(", ")));
			}
			flyway.repair();
		}
		// any other mismatch fails here, with Flyway's own message
		flyway.migrate();
	}

	private static boolean hasEarlierChecksum(MigrationInfo migration) {
		return migration.getVersion() != null && Objects
			.equals(EARLIER_CHECKSUMS.get(migration.getVersion().getVersion()), migration.getAppliedChecksum());
	}

}
