package dev.healthaudit.result;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An expiring lease on a key (a policy name) in the shared database, renewed by a
 * heartbeat while held. It keeps two starts of the same policy from overlapping, on one
 * host or many, and tells a new start that the previous owner is gone (its lease
 * expired), which is what makes recovering that owner's stale job execution safe.
 */
public final class RunLease implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RunLease.class);

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final String key;

	private final String owner;

	private final Duration ttl;

	private @Nullable ScheduledExecutorService heartbeat;

	private RunLease(JdbcTemplate jdbc, Clock clock, String key, String owner, Duration ttl) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.key = key;
		this.owner = owner;
		this.ttl = ttl;
	}

	/**
	 * Takes the lease on {@code key} if it is free or expired.
	 * @return the held lease, or empty with the current holder described by
	 * {@link Holder}
	 */
	public static Acquisition acquire(DataSource dataSource, Clock clock, String key, String owner, Duration ttl) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		Instant now = clock.instant();
		Timestamp expires = Timestamp.from(now.plus(ttl));
		boolean taken;
		try {
			taken = jdbc.update("insert into audit_lease (lease_key, owner, expires_at) values (?, ?, ?)", key, owner,
					expires) == 1;
		}
		catch (DuplicateKeyException ex) {
			taken = jdbc.update("update audit_lease set owner = ?, expires_at = ? where lease_key = ? and "
					+ "(expires_at < ? or owner = ?)", owner, expires, key, Timestamp.from(now), owner) == 1;
		}
		if (!taken) {
			Optional<String> holderOwner = jdbc
				.queryForList("select owner from audit_lease where lease_key = ?", String.class, key)
				.stream()
				.findFirst();
			if (holderOwner.isPresent() && deadOnThisHost(holderOwner.get(), owner)) {
				// the holder ran on this host and its process is gone (killed): its lease
				// need not run out
				taken = jdbc.update(
						"update audit_lease set owner = ?, expires_at = ? where lease_key = ? and owner = ?", owner,
						expires, key, holderOwner.get()) == 1;
			}
		}
		if (!taken) {
			Holder holder = jdbc
				.query("select owner, expires_at from audit_lease where lease_key = ?",
						(rs, row) -> new Holder(rs.getString(1), rs.getTimestamp(2).toInstant()), key)
				.stream()
				.findFirst()
				.orElse(new Holder("unknown", now));
			return new Acquisition(Optional.empty(), Optional.of(holder));
		}
		RunLease lease = new RunLease(jdbc, clock, key, owner, ttl);
		lease.startHeartbeat();
		return new Acquisition(Optional.of(lease), Optional.empty());
	}

	/**
	 * The owner string of this process: host and pid, so that a lease left by a killed
	 * process can be recognised.
	 */
	public static String ownerOfThisProcess() {
		String host;
		try {
			host = java.net.InetAddress.getLocalHost().getHostName();
		}
		catch (java.net.UnknownHostException ex) {
			host = "unknown-host";
		}
		return host + "/pid " + ProcessHandle.current().pid();
	}

	static boolean deadOnThisHost(String holder, String self) {
		int split = holder.lastIndexOf("/pid ");
		int selfSplit = self.lastIndexOf("/pid ");
		if (split < 0 || selfSplit < 0 || !holder.substring(0, split).equals(self.substring(0, selfSplit))) {
			return false;
		}
		try {
			long pid = Long.parseLong(holder.substring(split + 5).trim());
			return ProcessHandle.of(pid).map((handle) -> !handle.isAlive()).orElse(true);
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private void startHeartbeat() {
		this.heartbeat = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "lease-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
		long period = Math.max(this.ttl.toMillis() / 3, 100);
		this.heartbeat.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
	}

	private void renew() {
		try {
			int renewed = this.jdbc.update("update audit_lease set expires_at = ? where lease_key = ? and owner = ?",
					Timestamp.from(this.clock.instant().plus(this.ttl)), this.key, this.owner);
			if (renewed == 0) {
				logger.error("lost the lease on {}: another process took it over", this.key);
			}
		}
		catch (DataAccessException ex) {
			logger.warn("could not renew the lease on {}: {}", this.key, ex.getMessage());
		}
	}

	@Override
	public void close() {
		if (this.heartbeat != null) {
			this.heartbeat.shutdownNow();
		}
		try {
			this.jdbc.update("delete from audit_lease where lease_key = ? and owner = ?", this.key, this.owner);
		}
		catch (DataAccessException ex) {
			logger.warn("could not release the lease on {} (it expires by itself): {}", this.key, ex.getMessage());
		}
	}

	/** Who holds a lease, and until when unless renewed. */
	public record Holder(String owner, Instant expiresAt) {
	}

	/** The outcome of {@link #acquire}: a lease, or who holds it. */
	public record Acquisition(Optional<RunLease> lease, Optional<Holder> heldBy) {
	}

}
