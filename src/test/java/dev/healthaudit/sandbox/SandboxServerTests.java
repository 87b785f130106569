package dev.healthaudit.sandbox;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.healthaudit.sandbox.TestHttp.json;
import static dev.healthaudit.sandbox.TestHttp.query;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token, authentication, account routes and discovery routes against one default server
 * (stateless calls only).
 */
class SandboxServerTests {

	private static SandboxServer server;

	private static TestHttp http;

	@BeforeAll
	static void start() {
		server = SandboxServer.start(SandboxSettings.defaults());
		http = new TestHttp(server);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void baseUrlIsLoopbackWithTheBoundPort() {
		assertThat(server.baseUrl().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
		assertThat(server.baseUrl().getPort()).isPositive();
	}

	@Test
	void tokenEndpointIssuesBearerTokenForClientCredentials() {
		HttpResponse<String> response = http
			.tokenRequest("grant_type=client_credentials&client_id=sandbox-client&client_secret=sandbox-secret");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = json(response);
		assertThat(body.get("access_token").stringValue()).isNotBlank();
		assertThat(body.get("token_type").stringValue()).isEqualTo("Bearer");
		assertThat(body.get("expires_in").asLong()).isEqualTo(86_400);
		assertThat(body.get("scope").stringValue()).isEqualTo("openid");
	}

	@Test
	void tokenEndpointRejectsWrongSecretAsInvalidClient() {
		HttpResponse<String> response = http
			.tokenRequest("grant_type=client_credentials&client_id=sandbox-client&client_secret=wrong");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(json(response).get("error").stringValue()).isEqualTo("invalid_client");
		assertThat(json(response).has("error_description")).isTrue();
	}

	@Test
	void tokenEndpointRejectsOtherGrantTypes() {
		HttpResponse<String> response = http
			.tokenRequest("grant_type=password&client_id=sandbox-client&client_secret=sandbox-secret");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response).get("error").stringValue()).isEqualTo("unsupported_grant_type");
	}

	@Test
	void apiRoutesWithoutTokenGet401Unauthenticated() {
		HttpResponse<String> response = http.getWithoutToken("/api/v1/connected_accounts");
		assertThat(response.statusCode()).isEqualTo(401);
		assertStatus(json(response), 16, "UNAUTHENTICATED");
	}

	@Test
	void apiRoutesWithUnknownTokenGet401Unauthenticated() {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(http.uri("/api/v1/connected_accounts", ""))
			.header("Authorization", "Bearer not-a-token")
			.build());
		assertThat(response.statusCode()).isEqualTo(401);
		assertStatus(json(response), 16, "UNAUTHENTICATED");
	}

	@Test
	void listPagesThroughTheFleetWithPageSize99() {
		Set<String> ids = new HashSet<>();
		String pageToken = "";
		int pages = 0;
		do {
			String q = "page_size=99" + (pageToken.isEmpty() ? "" : "&" + query("page_token", pageToken));
			JsonNode body = json(http.get("/api/v1/connected_accounts", q));
			assertThat(body.get("total_size").asInt()).isEqualTo(200);
			for (JsonNode item : body.get("connected_accounts")) {
				ids.add(item.get("id").stringValue());
				assertThat(item.has("authorization_details")).isFalse();
				assertThat(item.get("status").stringValue()).isNotBlank();
			}
			pageToken = body.get("next_page_token").stringValue();
			pages++;
		}
		while (!pageToken.isEmpty());
		assertThat(pages).isEqualTo(3);
		assertThat(ids).hasSize(200);
	}

	@Test
	void listPageTokensAreBase64Offsets() {
		JsonNode body = json(http.get("/api/v1/connected_accounts", "page_size=10"));
		assertThat(body.get("connected_accounts")).hasSize(10);
		assertThat(body.get("next_page_token").stringValue()).isEqualTo("eyJvZmZzZXQiOjEwfQ==");
		assertThat(body.get("prev_page_token").stringValue()).isEmpty();
	}

	@Test
	void listDefaultsToTenPerPage() {
		assertThat(json(http.get("/api/v1/connected_accounts", "")).get("connected_accounts")).hasSize(10);
	}

	@Test
	void listRejectsPageSize100() {
		HttpResponse<String> response = http.get("/api/v1/connected_accounts", "page_size=100");
		assertThat(response.statusCode()).isEqualTo(400);
		assertStatus(json(response), 3, "INVALID_ARGUMENT");
	}

	@Test
	void listRejectsConnectorTogetherWithConnectionNames() {
		HttpResponse<String> response = http.get("/api/v1/connected_accounts",
				"connector=gmail&connection_names=slack");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response).get("code").asInt()).isEqualTo(3);
	}

	@Test
	void listFiltersByRepeatedConnectionNames() {
		long expected = server.fleet()
			.accounts()
			.stream()
			.filter((account) -> List.of("gmail", "slack").contains(account.connector()))
			.count();
		JsonNode body = json(
				http.get("/api/v1/connected_accounts", "connection_names=gmail&connection_names=slack&page_size=99"));
		assertThat(body.get("total_size").asLong()).isEqualTo(expected);
		for (JsonNode item : body.get("connected_accounts")) {
			assertThat(item.get("connector").stringValue()).isIn("gmail", "slack");
		}
	}

	@Test
	void listFiltersByConnectorAndIdentifier() {
		SandboxAccount account = server.fleet().accounts().get(3);
		JsonNode body = json(http.get("/api/v1/connected_accounts",
				query("connector", account.connector(), "identifier", account.identifier())));
		assertThat(body.get("total_size").asInt()).isEqualTo(1);
		assertThat(body.get("connected_accounts").get(0).get("id").stringValue()).isEqualTo(account.id());
	}

	@Test
	void searchNeedsThreeCharactersAndAtMost30PerPage() {
		assertThat(http.get("/api/v1/connected_accounts:search", "query=us").statusCode()).isEqualTo(400);
		assertThat(http.get("/api/v1/connected_accounts:search", "query=user&page_size=31").statusCode())
			.isEqualTo(400);
		JsonNode body = json(http.get("/api/v1/connected_accounts:search", "query=usr_0001&page_size=30"));
		assertThat(body.get("total_size").asInt()).isEqualTo(1);
	}

	@Test
	void authReturnsStatusScopesAndCredentials() {
		SandboxAccount account = server.fleet()
			.withScenario(Scenario.HEALTHY)
			.stream()
			.filter((candidate) -> candidate.connection() == SandboxConnection.GMAIL)
			.findFirst()
			.orElseThrow();
		HttpResponse<String> response = http.auth(account);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode connected = json(response).get("connected_account");
		assertThat(connected.get("id").stringValue()).isEqualTo(account.id());
		assertThat(connected.get("identifier").stringValue()).isEqualTo(account.identifier());
		assertThat(connected.get("connector").stringValue()).isEqualTo("gmail");
		assertThat(connected.get("provider").stringValue()).isEqualTo("GMAIL");
		assertThat(connected.get("connection_id").stringValue()).startsWith("conn_");
		assertThat(connected.get("status").stringValue()).isEqualTo("ACTIVE");
		assertThat(connected.get("authorization_type").stringValue()).isEqualTo("OAUTH");
		JsonNode oauth = connected.get("authorization_details").get("oauth_token");
		assertThat(oauth.get("access_token").stringValue()).startsWith("ya29.SANDBOX-ACCESS-TOKEN-");
		assertThat(oauth.get("refresh_token").stringValue()).isNotBlank();
		assertThat(oauth.get("scopes")).extracting(JsonNode::stringValue)
			.containsExactly("https://www.googleapis.com/auth/gmail.readonly",
					"https://www.googleapis.com/auth/userinfo.email");
		assertThat(Instant.parse(connected.get("token_expires_at").stringValue())).isAfter(Instant.now());
		assertThat(connected.get("updated_at").stringValue()).endsWith("Z");
		assertThat(connected.get("last_used_at").stringValue()).endsWith("Z");
		assertThat(connected.get("api_config").isObject()).isTrue();
	}

	@Test
	void authAcceptsTheAccountId() {
		SandboxAccount account = server.fleet().accounts().get(0);
		JsonNode body = json(http.get("/api/v1/connected_accounts/auth", query("id", account.id())));
		assertThat(body.get("connected_account").get("identifier").stringValue()).isEqualTo(account.identifier());
	}

	@Test
	void authReportsEveryScenarioStatus() {
		for (Scenario scenario : Scenario.values()) {
			SandboxAccount account = server.fleet().withScenario(scenario).get(0);
			JsonNode connected = json(http.auth(account)).get("connected_account");
			assertThat(connected.get("status").stringValue()).as(scenario.name())
				.isEqualTo(scenario.initialStatus().name());
			assertThat(connected.get("authorization_details").get("oauth_token").get("scopes"))
				.extracting(JsonNode::stringValue)
				.containsExactlyElementsOf(account.scopes());
		}
	}

	@Test
	void detailsKeepsScopesButOmitsTokens() {
		SandboxAccount account = server.fleet().withScenario(Scenario.UNDER_SCOPED).get(0);
		JsonNode connected = json(http.get("/api/v1/connected_accounts/details",
				query("connector", account.connector(), "identifier", account.identifier())))
			.get("connected_account");
		JsonNode oauth = connected.get("authorization_details").get("oauth_token");
		assertThat(oauth.has("access_token")).isFalse();
		assertThat(oauth.has("refresh_token")).isFalse();
		assertThat(oauth.get("scopes")).hasSize(account.scopes().size());
	}

	@Test
	void authForUnknownPairIs404WithNotFoundStatusBody() {
		AccountKey unknown = server.fleet().unknownAccounts().get(0);
		HttpResponse<String> response = http.get("/api/v1/connected_accounts/auth",
				query("connector", unknown.connector(), "identifier", unknown.identifier()));
		assertThat(response.statusCode()).isEqualTo(404);
		assertStatus(json(response), 5, "NOT_FOUND");
	}

	@Test
	void authWithoutIdentifierIs400() {
		HttpResponse<String> response = http.get("/api/v1/connected_accounts/auth", "connector=gmail");
		assertThat(response.statusCode()).isEqualTo(400);
		assertStatus(json(response), 3, "INVALID_ARGUMENT");
	}

	@Test
	void plusInAnIdentifierMustBePercentEncoded() {
		SandboxAccount account = server.fleet()
			.accounts()
			.stream()
			.filter((candidate) -> candidate.identifier().contains("+"))
			.findFirst()
			.orElseThrow();
		assertThat(http.auth(account).statusCode()).isEqualTo(200);
		String unencoded = "connector=gmail&identifier=" + account.identifier();
		assertThat(http.get("/api/v1/connected_accounts/auth", unencoded).statusCode()).isEqualTo(404);
	}

	@Test
	void magicLinkReturnsLinkAndExpiry() {
		SandboxAccount account = server.fleet().withScenario(Scenario.EXPIRED).get(0);
		HttpResponse<String> response = http.post("/api/v1/connected_accounts/magic_link",
				"{\"connector\":\"" + account.connector() + "\",\"identifier\":\"" + account.identifier() + "\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = json(response);
		assertThat(body.get("link").stringValue()).startsWith("https://sandbox.invalid/magic/");
		assertThat(Instant.parse(body.get("expiry").stringValue())).isBetween(Instant.now().plusSeconds(14 * 60),
				Instant.now().plusSeconds(16 * 60));
	}

	@Test
	void magicLinkForUnknownAccountIs404AndWithoutFieldsIs400() {
		AccountKey unknown = server.fleet().unknownAccounts().get(1);
		assertThat(http
			.post("/api/v1/connected_accounts/magic_link",
					"{\"connector\":\"" + unknown.connector() + "\",\"identifier\":\"" + unknown.identifier() + "\"}")
			.statusCode()).isEqualTo(404);
		assertThat(http.post("/api/v1/connected_accounts/magic_link", "{}").statusCode()).isEqualTo(400);
	}

	@Test
	void toolsListsTheCatalogue() {
		JsonNode body = json(http.get("/api/v1/tools", "page_size=50"));
		assertThat(body.get("total_size").asInt()).isEqualTo(12);
		JsonNode first = body.get("tools").get(0);
		assertThat(first.get("id").stringValue()).startsWith("tol_");
		assertThat(first.get("definition").get("name").stringValue()).isEqualTo("gmail_get_profile");
		JsonNode summary = json(http.get("/api/v1/tools", "filter.summary=true&filter.connector=github"));
		assertThat(summary.get("tool_names")).extracting(JsonNode::stringValue)
			.containsExactly("github_user_get_authenticated", "github_repos_list", "github_issue_create");
	}

	@Test
	void scopedAndAvailableToolsNeedAnIdentifier() {
		SandboxAccount account = server.fleet().withScenario(Scenario.HEALTHY).get(0);
		assertThat(http.get("/api/v1/tools/scoped", "").statusCode()).isEqualTo(400);
		JsonNode scoped = json(http.get("/api/v1/tools/scoped", query("identifier", account.identifier())));
		assertThat(scoped.get("tools").get(0).get("connected_account_id").stringValue()).isEqualTo(account.id());
		assertThat(http.get("/api/v1/tools/available", query("identifier", "nobody@example.com")).statusCode())
			.isEqualTo(404);
		assertThat(json(http.get("/api/v1/tools/available", query("identifier", account.identifier()))).get("tools"))
			.hasSize(3);
	}

	@Test
	void connectionsAppListsTheFourConnections() {
		JsonNode body = json(http.get("/api/v1/connections/app", ""));
		assertThat(body.get("connections")).extracting((node) -> node.get("key_id").stringValue())
			.containsExactly("gmail", "slack", "outlook", "github");
		String gmailId = server.fleet().withScenario(Scenario.GOOGLE_ACCESS_BLOCKED).get(0).connectionId();
		assertThat(body.get("connections").get(0).get("id").stringValue()).isEqualTo(gmailId);
		assertThat(http.get("/api/v1/connections/app", "page_size=31").statusCode()).isEqualTo(400);
	}

	@Test
	void unknownRouteIs404AndWrongMethodIs405() {
		HttpResponse<String> notFound = http.get("/api/v1/nothing_here", "");
		assertThat(notFound.statusCode()).isEqualTo(404);
		assertThat(notFound.body()).isEqualTo("{\"code\":5,\"message\":\"Not Found\"}");
		HttpResponse<String> wrongMethod = http.get("/api/v1/execute_tool", "");
		assertThat(wrongMethod.statusCode()).isEqualTo(405);
		assertThat(wrongMethod.headers().firstValue("Allow")).contains("POST");
	}

	@Test
	void requestsAreCountedByMethodAndPath() {
		long before = server.requestCount("GET", "/api/v1/connections/app");
		http.get("/api/v1/connections/app", "");
		http.get("/api/v1/connections/app", "provider=GMAIL");
		assertThat(server.requestCount("GET", "/api/v1/connections/app")).isEqualTo(before + 2);
		assertThat(server.requestCount("DELETE", "/api/v1/connections/app")).isZero();
		assertThat(server.requests()).as("not recording by default").isEmpty();
	}

	static void assertStatus(JsonNode body, int code, String errorCode) {
		assertThat(body.get("code").asInt()).isEqualTo(code);
		assertThat(body.get("message").stringValue()).isNotBlank();
		JsonNode detail = body.get("details").get(0);
		assertThat(detail.get("@type").stringValue()).isEqualTo("type.googleapis.com/scalekit.v1.errdetails.ErrorInfo");
		assertThat(detail.get("error_code").stringValue()).isEqualTo(errorCode);
	}

}
