package dev.healthaudit.result;

import java.util.List;

/**
 * Accounts of one connection with the same granted scopes and the same kind of last use: the access review is summed
 * from these groups, of which there are few whatever the number of accounts.
 *
 * @param use whether the grant's last real use is older than the review's limit
 */
public record GrantGroup(String connectionName, List<String> grantedScopes, Use use, long accounts) {

	public GrantGroup {
		grantedScopes = List.copyOf(grantedScopes);
	}

	/** The last real use of a grant, against the access review's limit. */
	public enum Use {

		/** Used within the limit. */
		RECENT,
		/** Not used for longer than the limit. */
		UNUSED,
		/** No use known: none reported by Scalekit, or only this job's own probes since the history began. */
		UNKNOWN

	}

}
