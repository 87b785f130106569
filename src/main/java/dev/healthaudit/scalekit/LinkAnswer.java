package dev.healthaudit.scalekit;

import java.net.URI;
import java.net.URISyntaxException;

import org.jspecify.annotations.NullUnmarked;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The answer of {@code POST /api/v1/connected_accounts/magic_link}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@NullUnmarked
record LinkAnswer(String link, String expiry) {

	/**
	 * The longest authorization link accepted (browsers and mail clients cut longer
	 * ones).
	 */
	static final int MAX_LINK_LENGTH = 4096;

	/**
	 * The link, which goes to a campaign file that users click: nothing but a plain
	 * http(s) URL is accepted.
	 * @throws MalformedFieldException when the link or its expiry is missing, or the link
	 * is not a plain web link
	 */
	AuthorizationLink authorizationLink() {
		String url = ServerValues.text(this.link);
		if (url.isEmpty()) {
			throw MalformedFieldException.missing("link");
		}
		if (!isWebLink(url)) {
			throw MalformedFieldException.unusable("link");
		}
		return new AuthorizationLink(url,
				ServerValues.instant(this.expiry).orElseThrow(() -> MalformedFieldException.missing("expiry")));
	}

	private static boolean isWebLink(String link) {
		if (link.length() > MAX_LINK_LENGTH || !ServerValues.isVisibleAscii(link)) {
			return false;
		}
		try {
			URI uri = new URI(link);
			return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
					&& uri.getHost() != null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	@Override
	public String toString() {
		return "LinkAnswer[link=****, expiry=" + this.expiry + "]";
	}

}
