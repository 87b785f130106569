package dev.healthaudit.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a run's notice to a webhook. Best effort: whatever goes wrong (refused, timed
 * out, non-2xx) is logged and reported as {@code false}, never thrown, so a chat outage
 * cannot fail an audit. Logs name the webhook's host only: a Slack webhook URL's path is
 * its secret.
 */
public final class WebhookNotifier {

	private static final Logger logger = LoggerFactory.getLogger(WebhookNotifier.class);

	private final URI url;

	private final NoticeFormat format;

	private final Duration timeout;

	/**
	 * @param timeout for connecting and for the whole answer each
	 */
	public WebhookNotifier(URI url, NoticeFormat format, Duration timeout) {
		this.url = url;
		this.format = format;
		this.timeout = timeout;
	}

	/** Posts {@code notice}; true when the webhook answered 2xx. */
	public boolean send(RunNotice notice) {
		String body = NoticePayloads.render(notice, this.format);
		HttpRequest request = HttpRequest.newBuilder(this.url)
			.timeout(this.timeout)
			.header("Content-Type", "application/json; charset=utf-8")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build();
		HttpClient client = HttpClient.newBuilder().connectTimeout(this.timeout).build();
		try {
			int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			if (status / 100 != 2) {
				logger.warn("notification webhook at {} answered HTTP {}; the run is not affected", host(), status);
				return false;
			}
			logger.info("notified the webhook at {} ({})", host(), this.format.name().toLowerCase(Locale.ROOT));
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			logger.warn("notification to the webhook at {} interrupted", host());
			return false;
		}
		catch (IOException | RuntimeException ex) {
			// the exception text may quote the URL, so only its type goes to the log
			logger.warn("notification webhook at {} failed: {}; the run is not affected", host(),
					ex.getClass().getSimpleName());
			return false;
		}
	}

	private String host() {
		return this.url.getHost();
	}

}
