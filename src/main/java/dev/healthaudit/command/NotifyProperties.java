package dev.healthaudit.command;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.healthaudit.notify.NoticeFormat;

/**
 * The optional webhook told of every run's end.
 *
 * @param webhookUrl where to post; none when empty. A Slack webhook URL is a secret: give
 * it as an environment variable or from a Kubernetes Secret
 * @param format {@code slack} (a Slack message) or {@code json} (a plain document)
 * @param timeout for connecting and for the answer each
 */
@ConfigurationProperties("audit.notify")
record NotifyProperties(@Nullable String webhookUrl, @DefaultValue("slack") NoticeFormat format,
		@DefaultValue("5s") Duration timeout) {

	boolean notifies() {
		return this.webhookUrl != null && !this.webhookUrl.isBlank();
	}

}
