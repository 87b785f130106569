package dev.healthaudit.metrics;

import java.net.URI;
import java.time.Duration;

import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.exporter.pushgateway.Scheme;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes a registry's metrics to a Prometheus Pushgateway once, at the end of a run: a
 * batch job is gone before anything could scrape it. Job {@value #JOB}, grouping key
 * {@code policy}, so each policy's last run replaces its previous one (HTTP PUT) and
 * different policies never overwrite each other. Best effort: a failure is logged (with
 * the gateway's host only, in case the URL carries credentials) and never thrown.
 */
public final class PushgatewayPush {

	/** The Pushgateway job name. */
	public static final String JOB = "account_health_audit";

	private static final Logger logger = LoggerFactory.getLogger(PushgatewayPush.class);

	private final URI url;

	private final Duration timeout;

	/**
	 * @param url the gateway, e.g. {@code http://pushgateway:9091} (user info, when
	 * present, is sent as basic auth)
	 * @param timeout for connecting and for the answer each
	 */
	public PushgatewayPush(URI url, Duration timeout) {
		this.url = url;
		this.timeout = timeout;
	}

	/**
	 * Pushes {@code registry}; returns false (after logging why) when the gateway could
	 * not take it.
	 */
	public boolean push(PrometheusRegistry registry, String policy) {
		try {
			gateway(registry, policy).push();
			logger.info("pushed metrics to the Pushgateway at {} (job {}, policy {})", this.url.getHost(), JOB, policy);
			return true;
		}
		catch (Exception ex) {
			// the exception text can quote the whole URL; the host is enough to find the
			// culprit
			logger.warn("could not push metrics to the Pushgateway at {}: {}", this.url.getHost(),
					ex.getClass().getSimpleName());
			return false;
		}
	}

	private PushGateway gateway(PrometheusRegistry registry, String policy) {
		boolean https = this.url.getScheme().equalsIgnoreCase("https");
		int port = (this.url.getPort() != -1) ? this.url.getPort() : (https ? 443 : 80);
		PushGateway.Builder builder = PushGateway.builder()
			.address(this.url.getHost() + ":" + port)
			.scheme(https ? Scheme.HTTPS : Scheme.HTTP)
			// text rather than protobuf: readable when someone looks at what was pushed
			.format(Format.PROMETHEUS_TEXT)
			.job(JOB)
			.groupingKey("policy", policy)
			.registry(registry)
			.connectionTimeout(this.timeout)
			.readTimeout(this.timeout);
		String userInfo = this.url.getUserInfo();
		if (userInfo != null && userInfo.contains(":")) {
			int colon = userInfo.indexOf(':');
			builder.basicAuth(userInfo.substring(0, colon), userInfo.substring(colon + 1));
		}
		return builder.build();
	}

}
