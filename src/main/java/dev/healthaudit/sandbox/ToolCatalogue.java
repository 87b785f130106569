package dev.healthaudit.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.node.ObjectNode;

/**
 * The tools of the four sandbox connections, in the {@code Tool} shape of the tools
 * routes (wire reference §3.6).
 */
final class ToolCatalogue {

	private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
			Map.entry("gmail_get_profile", "Get the Gmail profile of the connected user: address and message totals."),
			Map.entry("gmail_fetch_mails", "Fetch emails from the connected Gmail mailbox."),
			Map.entry("gmail_send_email", "Send an email from the connected Gmail account."),
			Map.entry("slack_auth_test", "Check the Slack token and return the team and user it belongs to."),
			Map.entry("slack_list_channels", "List channels in the Slack workspace."),
			Map.entry("slack_send_message", "Send a message to a Slack channel."),
			Map.entry("outlook_mailbox_settings_get", "Get the mailbox settings of the signed-in Outlook user."),
			Map.entry("outlook_list_messages", "List messages in the Outlook mailbox."),
			Map.entry("outlook_send_message", "Send an email from the Outlook mailbox."),
			Map.entry("github_user_get_authenticated", "Get the authenticated GitHub user."),
			Map.entry("github_repos_list", "List repositories of the authenticated GitHub user."),
			Map.entry("github_issue_create", "Create an issue in a GitHub repository."));

	private final Instant updatedAt;

	ToolCatalogue(Instant updatedAt) {
		this.updatedAt = updatedAt;
	}

	/** Every tool as (connection, name), connections in enum order. */
	List<Entry> all() {
		List<Entry> entries = new ArrayList<>();
		for (SandboxConnection connection : SandboxConnection.values()) {
			for (String tool : connection.tools()) {
				entries.add(new Entry(connection, tool));
			}
		}
		return entries;
	}

	ObjectNode toJson(Entry entry) {
		ObjectNode tool = WireFormat.object();
		tool.put("id", "tol_" + (24834495392000000L + all().indexOf(entry)));
		tool.put("provider", entry.connection().provider());
		ObjectNode definition = tool.putObject("definition");
		definition.put("name", entry.name());
		definition.put("description", entry.description());
		ObjectNode schema = definition.putObject("input_schema");
		schema.put("type", "object");
		schema.putObject("properties");
		tool.putObject("metadata");
		tool.putArray("tags").add(entry.connection().connectionName());
		tool.put("is_default", true);
		tool.put("updated_at", WireFormat.timestamp(this.updatedAt));
		return tool;
	}

	record Entry(SandboxConnection connection, String name) {

		String description() {
			return DESCRIPTIONS.getOrDefault(this.name, this.name);
		}

	}

}
