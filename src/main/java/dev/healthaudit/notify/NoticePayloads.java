package dev.healthaudit.notify;

import java.util.Locale;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.healthaudit.notify.RunNotice.ConnectionIncident;
import dev.healthaudit.notify.RunNotice.EnvironmentIncident;
import dev.healthaudit.notify.RunNotice.Figures;

/**
 * Renders a {@link RunNotice} as a webhook body. Built from the notice's counts and names
 * only, so no identifier, authorization link or token can get in.
 */
public final class NoticePayloads {

	/** Incidents listed by name in a Slack message; the rest are counted. */
	static final int LISTED_INCIDENTS = 5;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private NoticePayloads() {
	}

	public static String render(RunNotice notice, NoticeFormat format) {
		ObjectNode body = (format == NoticeFormat.SLACK) ? slack(notice) : json(notice);
		return JSON.writeValueAsString(body);
	}

	/**
	 * The generic document: stable snake_case keys; figures null when the run did not
	 * complete.
	 */
	static ObjectNode json(RunNotice notice) {
		ObjectNode root = JSON.createObjectNode();
		root.put("event", "account_health_audit.run_finished");
		root.put("outcome", notice.outcome().name().toLowerCase(Locale.ROOT));
		root.put("policy", notice.policy());
		root.put("run_id", notice.runId().orElse(null));
		root.put("sandbox", notice.sandbox());
		if (notice.figures().isPresent()) {
			Figures figures = notice.figures().get();
			root.put("accounts", figures.accounts());
			root.put("healthy", figures.healthy());
			if (figures.healthyPercent().isPresent()) {
				root.put("healthy_percent", figures.healthyPercent().get());
			}
			else {
				root.putNull("healthy_percent");
			}
			root.put("needing_user_action", figures.needingUserAction());
			root.put("inconclusive", figures.inconclusive());
			if (figures.environmentIncident().isPresent()) {
				EnvironmentIncident environment = figures.environmentIncident().get();
				ObjectNode node = root.putObject("environment_incident");
				node.put("incident", environment.incident());
				node.put("accounts", environment.accounts());
				node.put("message", environment.message());
			}
			else {
				root.putNull("environment_incident");
			}
			ArrayNode incidents = root.putArray("incidents");
			for (ConnectionIncident incident : figures.incidents()) {
				ObjectNode node = incidents.addObject();
				node.put("connection_name", incident.connectionName());
				node.put("incident", incident.incident());
				node.put("accounts", incident.accounts());
			}
		}
		else {
			for (String key : new String[] { "accounts", "healthy", "healthy_percent", "needing_user_action",
					"inconclusive", "environment_incident", "incidents" }) {
				root.putNull(key);
			}
		}
		root.put("reports", notice.reports().orElse(null));
		root.put("failure", notice.failure().orElse(null));
		return root;
	}

	/**
	 * A Slack message: the headline as {@code text} (notifications, old clients) and the
	 * figures as blocks.
	 */
	static ObjectNode slack(RunNotice notice) {
		ObjectNode root = JSON.createObjectNode();
		root.put("text", headline(notice));
		ArrayNode blocks = root.putArray("blocks");
		ObjectNode header = blocks.addObject();
		header.put("type", "header");
		ObjectNode title = header.putObject("text");
		title.put("type", "plain_text");
		title.put("text", title(notice));
		notice.figures()
			.flatMap(Figures::environmentIncident)
			.ifPresent((environment) -> section(blocks, "*Most accounts could not be audited ("
					+ escape(environment.incident()) + ")*\n" + escape(environment.message())));
		notice.figures().ifPresent((figures) -> {
			ObjectNode section = blocks.addObject();
			section.put("type", "section");
			ArrayNode fields = section.putArray("fields");
			field(fields, "Accounts", Long.toString(figures.accounts()));
			field(fields, "Healthy", percent(figures));
			field(fields, "Needing user action", Long.toString(figures.needingUserAction()));
			field(fields, "Inconclusive", Long.toString(figures.inconclusive()));
			field(fields, "Connection-level incidents", Long.toString(figures.incidents().size()));
			if (!figures.incidents().isEmpty()) {
				section(blocks, "*Connection-level incidents*\n" + incidentLines(figures));
			}
		});
		notice.failure().ifPresent((failure) -> section(blocks, "*Failure*\n" + escape(failure)));
		ObjectNode context = blocks.addObject();
		context.put("type", "context");
		ObjectNode details = context.putArray("elements").addObject();
		details.put("type", "mrkdwn");
		details.put("text", details(notice));
		return root;
	}

	private static String title(RunNotice notice) {
		String verb = switch (notice.outcome()) {
			case COMPLETED -> "completed";
			case FINDINGS -> "completed with findings at or above fail-on";
			case ENVIRONMENT_INCIDENT -> "completed, but COULD NOT AUDIT most accounts";
			case FAILED -> "FAILED";
			case INVALID -> "did not start: invalid configuration";
		};
		String policy = notice.policy().isEmpty() ? "" : " " + notice.policy();
		String title = "Account health audit" + policy + " " + verb + (notice.sandbox() ? " [SANDBOX]" : "");
		// header blocks take at most 150 characters
		return (title.length() > 150) ? title.substring(0, 149) + "…" : title;
	}

	private static String headline(RunNotice notice) {
		if (notice.figures().isEmpty()) {
			return title(notice) + notice.failure().map((failure) -> ": " + failure).orElse("");
		}
		Figures figures = notice.figures().get();
		if (figures.environmentIncident().isPresent()) {
			return title(notice) + ": " + figures.environmentIncident().get().message();
		}
		return title(notice) + ": " + figures.accounts() + " accounts, " + percent(figures) + " healthy, "
				+ figures.needingUserAction() + " needing user action, " + figures.inconclusive() + " inconclusive, "
				+ figures.incidents().size() + " connection-level incidents";
	}

	private static String incidentLines(Figures figures) {
		StringBuilder lines = new StringBuilder();
		figures.incidents()
			.stream()
			.limit(LISTED_INCIDENTS)
			.forEach((incident) -> lines.append("• ")
				.append(escape(incident.connectionName()))
				.append(": ")
				.append(escape(incident.incident()))
				.append(" (")
				.append(incident.accounts())
				.append((incident.accounts() == 1) ? " account)\n" : " accounts)\n"));
		int more = figures.incidents().size() - LISTED_INCIDENTS;
		if (more > 0) {
			lines.append("and ").append(more).append(" more in the report\n");
		}
		return lines.toString().stripTrailing();
	}

	private static String details(RunNotice notice) {
		StringBuilder text = new StringBuilder();
		text.append("Run ").append(code(notice.runId().orElse("none")));
		notice.reports().ifPresent((reports) -> text.append(" · reports ").append(code(reports)));
		if (notice.sandbox()) {
			text.append(" · SANDBOX: simulated accounts, not real results");
		}
		return text.toString();
	}

	private static String percent(Figures figures) {
		return figures.healthyPercent().map((percent) -> String.format(Locale.ROOT, "%.1f %%", percent)).orElse("n/a");
	}

	private static void field(ArrayNode fields, String label, String value) {
		ObjectNode field = fields.addObject();
		field.put("type", "mrkdwn");
		field.put("text", "*" + label + "*\n" + value);
	}

	private static void section(ArrayNode blocks, String markdown) {
		ObjectNode section = blocks.addObject();
		section.put("type", "section");
		ObjectNode text = section.putObject("text");
		text.put("type", "mrkdwn");
		// a section's text takes at most 3000 characters
		text.put("text", (markdown.length() > 3000) ? markdown.substring(0, 2999) + "…" : markdown);
	}

	private static String code(String text) {
		return "`" + escape(text).replace("`", "'") + "`";
	}

	/**
	 * Slack's mrkdwn: these three are control characters (links, mentions) unless
	 * escaped.
	 */
	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

}
