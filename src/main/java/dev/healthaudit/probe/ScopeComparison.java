package dev.healthaudit.probe;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which required scopes a grant lacks. A broader scope covers a narrower one (Gmail full
 * access covers read-only, Microsoft {@code .ReadWrite} covers {@code .Read}), so an
 * account holding the broader grant is not under-scoped.
 */
public final class ScopeComparison {

	private static final String GOOGLE = "https://www.googleapis.com/auth/";

	/**
	 * Broader scope to the narrower scopes it includes, beyond the generic ReadWrite/Read
	 * rule.
	 */
	private static final Map<String, Set<String>> IMPLIES = Map.of("https://mail.google.com/",
			Set.of(GOOGLE + "gmail.readonly", GOOGLE + "gmail.metadata", GOOGLE + "gmail.modify", GOOGLE + "gmail.send",
					GOOGLE + "gmail.compose", GOOGLE + "gmail.labels"),
			GOOGLE + "gmail.modify",
			Set.of(GOOGLE + "gmail.readonly", GOOGLE + "gmail.metadata", GOOGLE + "gmail.labels"),
			GOOGLE + "gmail.readonly", Set.of(GOOGLE + "gmail.metadata"), GOOGLE + "drive",
			Set.of(GOOGLE + "drive.readonly", GOOGLE + "drive.metadata.readonly", GOOGLE + "drive.file",
					GOOGLE + "drive.metadata"),
			GOOGLE + "drive.readonly", Set.of(GOOGLE + "drive.metadata.readonly"), GOOGLE + "calendar",
			Set.of(GOOGLE + "calendar.readonly", GOOGLE + "calendar.events", GOOGLE + "calendar.events.readonly"),
			"repo", Set.of("repo:status", "repo_deployment", "public_repo", "repo:invite"), "user",
			Set.of("read:user", "user:email", "user:follow"));

	private ScopeComparison() {
	}

	/**
	 * The required scopes that no granted scope covers, in the order they were required.
	 */
	public static List<String> missing(Collection<String> required, Collection<String> granted) {
		List<String> missing = new ArrayList<>();
		for (String scope : required) {
			if (granted.stream().noneMatch((grant) -> covers(grant, scope))) {
				missing.add(scope);
			}
		}
		return missing;
	}

	/**
	 * The granted scopes that none of the required scopes needs (least privilege), in the
	 * order they were granted. A required scope needs the narrowest granted scopes that
	 * cover it: itself when it was granted, else each covering grant that no other
	 * covering grant is narrower than. So with {@code gmail.readonly} required, a grant
	 * of {@code https://mail.google.com/} alone is needed, but next to
	 * {@code gmail.readonly} it is excess.
	 */
	public static List<String> excess(Collection<String> required, Collection<String> granted) {
		List<String> grants = granted.stream().distinct().toList();
		List<String> excess = new ArrayList<>();
		for (String grant : grants) {
			if (required.stream().noneMatch((scope) -> needs(scope, grant, grants))) {
				excess.add(grant);
			}
		}
		return excess;
	}

	/**
	 * Whether {@code grant} is one of the narrowest of {@code grants} that cover
	 * {@code required}.
	 */
	private static boolean needs(String required, String grant, List<String> grants) {
		if (!covers(grant, required)) {
			return false;
		}
		return grants.stream()
			.noneMatch((other) -> !other.equals(grant) && covers(other, required) && covers(grant, other));
	}

	static boolean covers(String grant, String required) {
		if (grant.equals(required)) {
			return true;
		}
		if (IMPLIES.getOrDefault(grant, Set.of()).contains(required)) {
			return true;
		}
		return microsoftReadWriteCoversRead(grant, required);
	}

	/**
	 * {@code Mail.ReadWrite} covers {@code Mail.Read}; {@code Files.ReadWrite.All} covers
	 * {@code Files.Read.All}.
	 */
	private static boolean microsoftReadWriteCoversRead(String grant, String required) {
		String lowerGrant = grant.toLowerCase(Locale.ROOT);
		String lowerRequired = required.toLowerCase(Locale.ROOT);
		int index = lowerGrant.indexOf(".readwrite");
		if (index < 0) {
			return false;
		}
		String asRead = lowerGrant.substring(0, index) + ".read" + lowerGrant.substring(index + ".readwrite".length());
		return asRead.equals(lowerRequired) && grant.regionMatches(0, required, 0, index);
	}

}
