package dev.healthaudit.scalekit;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Where the Scalekit environment lives and the client credentials used to call it. */
public record ScalekitCredentials(URI environmentUrl, String clientId, String clientSecret) {

	public static final String ENVIRONMENT_URL = "SCALEKIT_ENVIRONMENT_URL";

	public static final String CLIENT_ID = "SCALEKIT_CLIENT_ID";

	public static final String CLIENT_SECRET = "SCALEKIT_CLIENT_SECRET";

	/**
	 * Reads the three {@code SCALEKIT_*} settings from {@code variables}.
	 * @throws IllegalArgumentException naming every missing or invalid variable
	 */
	public static ScalekitCredentials from(Map<String, String> variables) {
		List<String> problems = new ArrayList<>();
		String url = required(variables, ENVIRONMENT_URL, problems);
		String id = required(variables, CLIENT_ID, problems);
		String secret = required(variables, CLIENT_SECRET, problems);
		URI uri = null;
		if (url != null) {
			try {
				uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
				if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
					problems.add(ENVIRONMENT_URL + " must be an http(s) URL, got '" + url + "'");
				}
			}
			catch (IllegalArgumentException ex) {
				problems.add(ENVIRONMENT_URL + " is not a valid URL: '" + url + "'");
			}
		}
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException(String.join("; ", problems));
		}
		return new ScalekitCredentials(uri, id, secret);
	}

	private static String required(Map<String, String> variables, String name, List<String> problems) {
		String value = variables.get(name);
		if (value == null || value.isBlank()) {
			problems.add(name + " is not set");
			return null;
		}
		return value.trim();
	}

	@Override
	public String toString() {
		return "ScalekitCredentials[environmentUrl=" + this.environmentUrl + ", clientId=" + this.clientId
				+ ", clientSecret=****]";
	}

}
