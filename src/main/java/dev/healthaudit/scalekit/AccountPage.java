package dev.healthaudit.scalekit;

import java.util.List;

/** One page of the account list; {@code nextPageToken} is empty on the last page. */
public record AccountPage(List<ConnectedAccount> accounts, long totalSize, String nextPageToken) {

	public AccountPage {
		accounts = List.copyOf(accounts);
	}

	public boolean isLast() {
		return this.nextPageToken.isEmpty();
	}

}
