package dev.flotilla.server.api;

import static dev.flotilla.server.api.AgentsApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.server.config.Role;
import dev.flotilla.server.config.ServerConfig;
import dev.flotilla.server.support.OpampHttp;
import dev.flotilla.server.support.RawAgent;
import dev.flotilla.server.support.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A refused operator call is refused before it changes anything. */
class ApiRolesTest {
  static final String VIEWER = "viewer-token";
  static final String OPERATOR = "operator-token";

  @TempDir Path dir;
  TestServer server;
  RawAgent agent;
  String path;

  @BeforeEach
  void start() {
    server = TestServer.start(dir, ApiRolesTest::withTokens);
    OpampHttp http = new OpampHttp(server.opampHttp());
    http.token = TestServer.AGENT_TOKEN;
    agent = new RawAgent(AgentsApiTest.CAPS);
    http.send(agent.full("a").build());
    path = "/api/v1/agents/" + agent.uid;
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void viewerCannotChangeLabelsOrRemoteConfigOrSendCommands() {
    assertError(server.api("PUT", path + "/labels", "{\"env\":\"prod\"}", VIEWER), 403, "operator");
    assertError(
        server.api("PUT", path + "/remote-config", "{\"files\":{\"a\":{\"body\":\"x\"}}}", VIEWER),
        403,
        "operator");
    assertError(
        server.api("POST", path + "/commands", "{\"type\":\"restart\"}", VIEWER), 403, "operator");
    assertError(server.api("DELETE", path, null, VIEWER), 403, "admin");

    var agentNow = server.getJson(path);
    assertThat(agentNow.get("labels").size()).isZero();
    assertThat(agentNow.get("remoteConfig").isNull()).isTrue();
    assertThat(server.getJson(path + "/commands")).isEmpty();
    assertThat(server.getJson(path + "/events?limit=1000").toString())
        .doesNotContain("labels_changed")
        .doesNotContain("remote_config_set");
  }

  @Test
  void operatorCannotForget() {
    assertError(server.api("DELETE", path, null, OPERATOR), 403, "admin");
    assertThat(server.api("GET", path, null, OPERATOR).statusCode()).isEqualTo(200);
    assertThat(server.api("PUT", path + "/labels", "{\"a\":\"b\"}", OPERATOR).statusCode())
        .isEqualTo(200);
  }

  @Test
  void viewerReadsEverything() {
    for (String p :
        List.of(
            "/api/v1/agents",
            path,
            path + "/events",
            path + "/commands",
            "/api/v1/server",
            "/api/v1/openapi.json")) {
      assertThat(server.api("GET", p, null, VIEWER).statusCode()).as(p).isEqualTo(200);
    }
  }

  @Test
  void missingOrUnknownTokensAre401WithAChallenge() {
    for (String token : new String[] {null, "wrong", TestServer.AGENT_TOKEN}) {
      HttpResponse<String> r = server.api("GET", "/api/v1/agents", null, token);
      assertError(r, 401, "token");
      assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    }
    assertError(server.api("PUT", path + "/labels", "{\"a\":\"b\"}", null), 401, "token");
    assertThat(server.getJson(path).get("labels").size()).isZero();
  }

  private static ServerConfig withTokens(ServerConfig c) {
    return c.withNoAuth(false)
        .withAgentToken(TestServer.AGENT_TOKEN)
        .withOperatorTokens(
            List.of(
                new ServerConfig.OperatorToken(TestServer.ADMIN_TOKEN, Role.ADMIN, "admin"),
                new ServerConfig.OperatorToken(OPERATOR, Role.OPERATOR, "ops"),
                new ServerConfig.OperatorToken(VIEWER, Role.VIEWER, "view")));
  }
}
