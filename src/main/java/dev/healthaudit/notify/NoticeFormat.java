package dev.healthaudit.notify;

/** The shape of the webhook's JSON body. */
public enum NoticeFormat {

	/**
	 * Slack's incoming-webhook message: {@code text} (the fallback) and {@code blocks};
	 * Mattermost takes it too.
	 */
	SLACK,
	/** A plain JSON document of the figures, for any other receiver. */
	JSON

}
