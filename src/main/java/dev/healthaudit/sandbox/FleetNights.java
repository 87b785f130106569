package dev.healthaudit.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What happens to the fleet between the nights of the sandbox's calendar
 * ({@link SandboxNight}), derived only from (fleet, seed, night), so that every night's
 * server is built afresh and the nights still tell one story:
 * <ul>
 * <li>Users asked to act (their account's scenario puts them in the re-authentication
 * campaign) re-authorize before the next night with a chance of {@value #COMES_BACK} each
 * night: their account is healthy from then on, with full scopes, and used right
 * after.</li>
 * <li>A healthy account breaks with a chance of {@value #BREAKS} each night: its refresh
 * token is revoked (EXPIRED) or its user disconnects it.</li>
 * <li>Accounts the audit repaired (a refresh on its probe) stay repaired: healthy the
 * next night.</li>
 * <li>Use: Scalekit's {@code last_used_at} moves with every tool call
 * ({@link AccountState#beginToolCall}), the audit's own probes included. Between nights,
 * the agent of an active account uses it once at a random time, except for dormant
 * accounts ({@value #DORMANT} of the fleet), which nobody but the audit's probes touches:
 * their {@code last_used_at} on night n is the probe of night n-1 (modelled at that
 * night's start, which is before the audit's check of the account), while their last real
 * use stays where it was, 30 to 180 days before night 1.</li>
 * <li>Least privilege: {@value #OVER_GRANTED} of the accounts (except under-scoped ones)
 * hold one scope more than their connection needs ({@link #EXTRA_SCOPE}).</li>
 * </ul>
 * Account ids, keys and order never change, so the input CSV of every night is the same.
 */
public final class FleetNights {

	/** Share of the accounts nobody but the audit uses. */
	static final double DORMANT = 0.2;

	/** Share of the accounts granted one scope more than needed. */
	static final double OVER_GRANTED = 0.15;

	/** Chance that a user asked to act re-authorizes before the next night. */
	static final double COMES_BACK = 0.35;

	/** Chance that a healthy account breaks before the next night. */
	static final double BREAKS = 0.05;

	/**
	 * The one extra scope an over-granted account of each connection holds: broader, or
	 * not needed at all.
	 */
	static final Map<SandboxConnection, String> EXTRA_SCOPE = new EnumMap<>(
			Map.of(SandboxConnection.GMAIL, "https://mail.google.com/", SandboxConnection.SLACK, "files:write",
					SandboxConnection.OUTLOOK, "Mail.ReadWrite", SandboxConnection.GITHUB, "admin:org"));

	/** Scenarios whose user the audit asks to act. */
	private static final Set<Scenario> USER_MUST_ACT = EnumSet.of(Scenario.EXPIRED, Scenario.DISCONNECTED,
			Scenario.PENDING_AUTH, Scenario.PENDING_VERIFICATION, Scenario.PROBE_UNAUTHORIZED, Scenario.UNDER_SCOPED,
			Scenario.UNDER_SCOPED_PROBE_FORBIDDEN);

	/**
	 * Scenarios the audit's own probe repairs (Scalekit refreshes the token on tool use).
	 */
	private static final Set<Scenario> REPAIRED_BY_PROBE = EnumSet.of(Scenario.EXPIRED_REFRESHABLE,
			Scenario.PROBE_UNAUTHORIZED_RECOVERS);

	private static final Set<Scenario> UNDER_SCOPED = EnumSet.of(Scenario.UNDER_SCOPED,
			Scenario.UNDER_SCOPED_PROBE_FORBIDDEN);

	private static final int DRAW_DORMANT = 1;

	private static final int DRAW_OVER_GRANTED = 2;

	private static final int DRAW_LAST_USE = 3;

	private static final int DRAW_COMES_BACK = 4;

	private static final int DRAW_BREAKS = 5;

	private static final int DRAW_HOW = 6;

	private static final int DRAW_WHEN = 7;

	private final SandboxFleet fleet;

	private final long seed;

	private FleetNights(SandboxFleet fleet, long seed) {
		this.fleet = fleet;
		this.seed = seed;
	}

	/** The nights of the fleet that {@code settings} generate. */
	public static FleetNights of(SandboxSettings settings) {
		return new FleetNights(SandboxFleet.of(settings), settings.seed());
	}

	/** The nights of {@code fleet} (as generated, that is as it is on night 1). */
	public static FleetNights of(SandboxFleet fleet, long seed) {
		return new FleetNights(fleet, seed);
	}

	/** The fleet as it is on night 1, whose accounts the other methods take. */
	public SandboxFleet fleet() {
		return this.fleet;
	}

	/**
	 * The fleet as it is at the start of {@code night}: scenarios and scopes of that
	 * night.
	 */
	public SandboxFleet fleetOn(SandboxNight night) {
		return this.fleet.map((account) -> on(account, night).account());
	}

	/** Whether nobody but the audit's probes uses the account. */
	public boolean dormant(SandboxAccount account) {
		return draw(account, 0, DRAW_DORMANT) < DORMANT;
	}

	/**
	 * The scope the account holds beyond what its connection needs, if any (not for
	 * under-scoped accounts).
	 */
	public Optional<String> extraScope(SandboxAccount account) {
		return (draw(account, 0, DRAW_OVER_GRANTED) < OVER_GRANTED) ? Optional.of(EXTRA_SCOPE.get(account.connection()))
				: Optional.empty();
	}

	/** {@code account} (of night 1) as it is at the start of {@code night}. */
	public AccountNight on(SandboxAccount account, SandboxNight night) {
		boolean dormant = dormant(account);
		Scenario scenario = account.scenario();
		Instant agentUse = firstUse(account, dormant);
		Instant probe = null;
		boolean cameBack = false;
		for (int n = 2; n <= night.number(); n++) {
			Instant before = new SandboxNight(n - 1).start();
			Scenario was = scenario;
			cameBack = USER_MUST_ACT.contains(was) && draw(account, n, DRAW_COMES_BACK) < COMES_BACK;
			if (cameBack || REPAIRED_BY_PROBE.contains(was)) {
				scenario = Scenario.HEALTHY;
			}
			else if (was == Scenario.HEALTHY && draw(account, n, DRAW_BREAKS) < BREAKS) {
				scenario = (draw(account, n, DRAW_HOW) < 0.6) ? Scenario.EXPIRED : Scenario.DISCONNECTED;
			}
			if (probedIn(was)) {
				// the audit's probe of night n-1: Scalekit shows it as the last use,
				// until someone else uses it
				probe = before;
			}
			if (cameBack) {
				agentUse = before.plus(hoursBetween(account, n, 1, 20));
			}
			else if (!dormant && usable(was) && scenario.initialStatus() == ConnectorStatus.ACTIVE) {
				agentUse = before.plus(hoursBetween(account, n, 2, 22));
			}
		}
		return new AccountNight(changed(account, scenario), cameBack, Optional.ofNullable(agentUse),
				Optional.ofNullable(later(agentUse, probe)));
	}

	/**
	 * Sets every account's {@code last_used_at} as it is at the start of {@code night}.
	 */
	void restoreLastUse(AccountDirectory accounts, SandboxNight night) {
		List<AccountState> states = accounts.all();
		for (int i = 0; i < states.size(); i++) {
			states.get(i).lastUsedAt(on(this.fleet.accounts().get(i), night).lastUsedAt().orElse(null));
		}
	}

	private SandboxAccount changed(SandboxAccount account, Scenario scenario) {
		List<String> scopes = new ArrayList<>(
				(scenario == account.scenario()) ? account.scopes() : account.connection().scopes());
		if (!UNDER_SCOPED.contains(scenario)) {
			extraScope(account).ifPresent(scopes::add);
		}
		return new SandboxAccount(account.id(), account.identifier(), account.connector(), account.provider(),
				account.connectionId(), scenario, scopes, account.email(), account.userId(), account.tokenAgeMinutes());
	}

	/** The last use on night 1, before any audit: long ago for a dormant account. */
	private @Nullable Instant firstUse(SandboxAccount account, boolean dormant) {
		Instant night = SandboxNight.FIRST;
		ConnectorStatus status = account.initialStatus();
		if (status == ConnectorStatus.ACTIVE || status == ConnectorStatus.EXPIRED) {
			if (dormant) {
				return night.minus(Duration.ofDays(30 + (long) (draw(account, 1, DRAW_LAST_USE) * 150)));
			}
			return night.minus(Duration.ofHours(1 + 3L * account.tokenAgeMinutes()));
		}
		if (status == ConnectorStatus.DISCONNECTED) {
			return night.minus(Duration.ofDays(1 + account.tokenAgeMinutes()));
		}
		return null;
	}

	/**
	 * Whether the audit runs a tool on an account of this scenario: a probe when ACTIVE,
	 * a refresh when EXPIRED.
	 */
	private static boolean probedIn(Scenario scenario) {
		ConnectorStatus status = scenario.initialStatus();
		return status == ConnectorStatus.ACTIVE || status == ConnectorStatus.EXPIRED;
	}

	/** Whether the agent can use an account of this scenario after the night's audit. */
	private static boolean usable(Scenario scenario) {
		return scenario.initialStatus() == ConnectorStatus.ACTIVE || REPAIRED_BY_PROBE.contains(scenario);
	}

	/**
	 * A whole number of seconds between {@code from} and {@code to} hours, drawn for the
	 * account and night.
	 */
	private Duration hoursBetween(SandboxAccount account, int night, int from, int to) {
		return Duration.ofSeconds((long) (from * 3600 + draw(account, night, DRAW_WHEN) * (to - from) * 3600));
	}

	private static @Nullable Instant later(@Nullable Instant a, @Nullable Instant b) {
		if (a == null) {
			return b;
		}
		return (b == null || a.isAfter(b)) ? a : b;
	}

	/**
	 * A uniform draw in [0, 1) from the seed, the account, the night and the purpose
	 * (SplitMix64's finalizer).
	 */
	private double draw(SandboxAccount account, int night, int purpose) {
		long h = this.seed * 0x9E3779B97F4A7C15L;
		for (byte b : account.id().getBytes(StandardCharsets.UTF_8)) {
			h = (h ^ b) * 0x100000001B3L;
		}
		h ^= night * 0xC2B2AE3D27D4EB4FL + purpose * 0x165667B19E3779F9L;
		h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
		h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
		h ^= h >>> 31;
		return (h >>> 11) * 0x1.0p-53;
	}

	/**
	 * One account at the start of a night.
	 *
	 * @param account the account as the sandbox serves it that night (scenario, scopes)
	 * @param cameBack whether its user re-authorized since the night before
	 * @param lastAgentUse the last use by anything other than the audit (its real last
	 * use); empty when never used
	 * @param lastUsedAt Scalekit's {@code last_used_at}: the later of the last real use
	 * and the audit's last probe
	 */
	public record AccountNight(SandboxAccount account, boolean cameBack, Optional<Instant> lastAgentUse,
			Optional<Instant> lastUsedAt) {

	}

}
