package dev.healthaudit.account;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import dev.healthaudit.ratelimit.Retries;
import dev.healthaudit.scalekit.AccountPage;
import dev.healthaudit.scalekit.CallResult;
import dev.healthaudit.scalekit.ConnectedAccount;
import dev.healthaudit.scalekit.ScalekitClient;

/**
 * Every connected account the Scalekit list API returns, optionally only those of some
 * connections, page by page (99 per page, the API's maximum). Pages are offset-based on
 * the server, so an account can reappear when accounts change mid-scan; the results store
 * keeps the first and rejects a repeat as {@code duplicate of line N}. A record's line is
 * its ordinal in the listing (1 for the first account listed), the same again when a
 * resumed run lists the same accounts in the same order. {@code provider} is carried
 * through as a column; the account id is {@code accounts.csv}'s own {@code account_id}
 * column already.
 */
public final class ScalekitAccountSource implements AccountSource {

	private static final List<String> COLUMNS = List.of("provider");

	private final ScalekitClient client;

	private final List<String> connectionNames;

	private final Retries retries;

	private final Predicate<String> knownConnection;

	private final Deque<ConnectedAccount> buffered = new ArrayDeque<>();

	private String nextPageToken = "";

	/**
	 * Page tokens already asked for: a server that hands one out again would otherwise be
	 * paged for ever.
	 */
	private final Set<String> askedTokens = new HashSet<>();

	private boolean lastPageRead;

	private long position;

	/**
	 * @param connectionNames the connections to list; empty for all
	 */
	public ScalekitAccountSource(ScalekitClient client, List<String> connectionNames, Retries retries,
			Predicate<String> knownConnection) {
		this.client = client;
		this.connectionNames = List.copyOf(connectionNames);
		this.retries = retries;
		this.knownConnection = knownConnection;
	}

	@Override
	public List<String> extraColumns() {
		return COLUMNS;
	}

	@Override
	public Optional<InputRecord> next() {
		while (this.buffered.isEmpty()) {
			if (this.lastPageRead) {
				return Optional.empty();
			}
			readPage();
		}
		ConnectedAccount account = this.buffered.removeFirst();
		this.position++;
		Map<String, String> extras = new LinkedHashMap<>();
		extras.put("provider", account.provider());
		return Optional.of(InputRecords.of(this.position, account.identifier(), account.connector(), extras,
				account.connector() + "," + account.identifier(), this.knownConnection));
	}

	private void readPage() {
		if (!this.askedTokens.add(this.nextPageToken)) {
			// a server that repeats a page token would be paged for ever: the listing is
			// broken, the run fails (exit 1)
			throw new IllegalStateException("cannot list connected accounts: the list API handed out page token "
					+ this.nextPageToken.length() + " characters long a second time, after " + this.askedTokens.size()
					+ " pages; the listing would never end");
		}
		CallResult<AccountPage> result = this.retries.call(
				() -> this.client.listAccounts(this.connectionNames, ScalekitClient.MAX_PAGE_SIZE, this.nextPageToken));
		if (result instanceof CallResult.Failure<AccountPage> failed) {
			// the account list is the run's input: without it nothing can be audited, so
			// the step fails and a
			// restart resumes from the last checkpoint
			throw new IllegalStateException("cannot list connected accounts: " + failed.failure().describe());
		}
		AccountPage page = ((CallResult.Success<AccountPage>) result).value();
		this.buffered.addAll(page.accounts());
		this.nextPageToken = page.nextPageToken();
		this.lastPageRead = page.isLast() || page.accounts().isEmpty();
	}

	@Override
	public long position() {
		return this.position;
	}

	@Override
	public void close() {
		this.buffered.clear();
	}

}
