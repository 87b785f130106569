package dev.healthaudit.policy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which probe tool names look like writes: verbs as words of their own, run together, or
 * in camelCase.
 */
class ProbeSafetyTests {

	@ParameterizedTest(name = "{0} is a write ({1})")
	@CsvSource({
			// words of their own, as before
			"gmail_send_email, send", "slack.chat.postMessage, post", "HTTPPutObject, put",
			"github-create-issue, create", "gmailTrashMessage, trash", "gmail_delete_message, delete",
			"outlook_send_message, send", "github_issue_create, create",
			// run together, in any case
			"gmail_sendmessage, send", "gmail_sendMessage, send", "GMAIL_SENDMESSAGE, send", "sendmessage, send",
			"createissue, create", "github_createissue, create", "deleteevent, delete", "calendar_deleteevent, delete",
			"slack_postmessage, post", "slack_chat_postmessage, post", "gmail_sendemail, send", "gmail_sendmail, send",
			"drive_uploadfile, upload", "s3_putobject, put", "slack_setstatus, set", "slack_setpresence, set",
			"github_mergepullrequest, merge", "jira_addcomment, add", "gmail_addlabel, add", "gmail_markasread, mark",
			"outlook_replytoall, reply", "gmail_sendnewmessage, send", "gmail_forwardmessage, forward",
			"gmail_createdraft, create", "github_runworkflow, run", "stripe_payinvoice, pay", "slack_kickuser, kick",
			"notion_updatepage, update", "sheets_updatecells, update", "bulkdeleteevents, delete",
			"gmailsendmessage, send", "teamssendmessage, send", "v2sendmessage, send",
			// verbs added with the run-together check
			"forms_submit_response, submit", "docs_edit_document, edit", "drive_rename_file, rename",
			"jira_assign_issue, assign", "gmail_reset_filters, reset", "gmail_untrash_message, untrash",
			"gmail_unarchive, unarchive", "calendar_decline_event, decline", "slack_enable_dnd, enable" })
	void writeLikeNamesAreCaught(String tool, String verb) {
		assertThat(ProbeSafety.writeToken(tool)).as(tool).contains(verb);
	}

	@ParameterizedTest(name = "{0} is a read")
	@ValueSource(strings = {
			// the shipped and sandbox probes
			"gmail_get_profile", "slack_auth_test", "outlook_mailbox_settings_get", "github_user_get_authenticated",
			"teams_me_get", "gmail_list_messages", "gmail_fetch_mails", "github_repos_list", "slack_list_channels",
			"outlook_list_messages",
			// nouns that start with a verb
			"get_posts", "get_updates", "telegram_getUpdates", "get_settings", "gmail_get_settings", "get_sender_info",
			"list_messages", "gmail_list_labels", "gmail_list_drafts", "gmail_list_starred",
			"gmail_list_forwarding_addresses", "gmail_get_address_book", "github_list_workflow_runs",
			"github_list_runners", "get_payload", "get_payments", "list_payouts", "get_payroll", "list_addons",
			"get_runtime", "get_setup", "list_shared_drives", "list_closed_issues", "list_merged_pulls",
			"list_archived_channels", "get_banner", "list_bank_accounts", "get_bandwidth", "list_deleted_items",
			"list_created_events", "list_invitations", "list_invitees", "get_cancellations", "list_approvals",
			"list_executions", "get_publisher", "list_transfers", "get_attachment", "get_reactions", "get_editors",
			"get_followers", "list_subscribers", "get_replies", "get_postal_code", "get_movements", "list_uploads",
			"get_writer", "get_market_data", "list_bookmarks", "get_starting_point",
			// providers whose names start with a verb
			"sendgrid_get_stats", "sharepoint_list_sites", "postmark_get_server", "dropbox_list_folder",
			"postgres_select", "paypal_get_balance", "markdown_render" })
	void readNamesPass(String tool) {
		assertThat(ProbeSafety.writeToken(tool)).as(tool).isEmpty();
	}

}
