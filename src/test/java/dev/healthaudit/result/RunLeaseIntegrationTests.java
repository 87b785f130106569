package dev.healthaudit.result;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.healthaudit.support.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The run lease on a real PostgreSQL: one holder per key, expiry, take-over of a dead
 * process's lease.
 */
class RunLeaseIntegrationTests {

	private DataSource dataSource;

	@BeforeEach
	void database() {
		List<String> arguments = TestPostgres.newDatabaseArguments();
		String url = arguments.get(0);
		String name = url.substring(url.lastIndexOf('/') + 1).replaceFirst("\\?.*", "");
		this.dataSource = TestPostgres.server().getDatabase("postgres", name);
		Flyway.configure().dataSource(this.dataSource).load().migrate();
	}

	@Test
	void aSecondOwnerIsRefusedWhileTheLeaseIsHeld() {
		try (RunLease lease = acquire("policy:nightly", "host-a/pid 1", Duration.ofMinutes(1)).lease().orElseThrow()) {
			RunLease.Acquisition second = acquire("policy:nightly", "host-b/pid 2", Duration.ofMinutes(1));
			assertThat(second.lease()).isEmpty();
			assertThat(second.heldBy()).get().extracting(RunLease.Holder::owner).isEqualTo("host-a/pid 1");
			assertThat(acquire("policy:other", "host-b/pid 2", Duration.ofMinutes(1)).lease())
				.as("another policy runs side by side")
				.isPresent();
		}
		assertThat(acquire("policy:nightly", "host-b/pid 2", Duration.ofMinutes(1)).lease()).as("released on close")
			.isPresent();
	}

	@Test
	void theHeartbeatKeepsALeaseBeyondItsTtl() {
		try (RunLease lease = acquire("policy:nightly", "host-a/pid 1", Duration.ofMillis(400)).lease().orElseThrow()) {
			// refused at every try for a second, well past the 400 ms TTL
			await().during(Duration.ofSeconds(1))
				.atMost(Duration.ofSeconds(5))
				.until(() -> acquire("policy:nightly", "host-b/pid 2", Duration.ofMinutes(1)).lease().isEmpty());
		}
	}

	@Test
	void anExpiredLeaseIsTakenOver() {
		new org.springframework.jdbc.core.JdbcTemplate(this.dataSource).update(
				"insert into audit_lease (lease_key, owner, expires_at) values (?, ?, ?)", "policy:nightly",
				"gone-host/pid 7", java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(5)));
		assertThat(acquire("policy:nightly", "host-b/pid 2", Duration.ofMinutes(1)).lease()).isPresent();
	}

	@Test
	void aLeaseOfADeadProcessOnThisHostIsTakenAtOnce() {
		String self = RunLease.ownerOfThisProcess();
		String host = self.substring(0, self.lastIndexOf("/pid "));
		// a pid that no process has: the highest possible
		acquire("policy:nightly", host + "/pid " + Integer.MAX_VALUE, Duration.ofMinutes(10));
		assertThat(acquire("policy:nightly", self, Duration.ofMinutes(1)).lease()).isPresent();
	}

	private RunLease.Acquisition acquire(String key, String owner, Duration ttl) {
		return RunLease.acquire(this.dataSource, Clock.systemUTC(), key, owner, ttl);
	}

}
