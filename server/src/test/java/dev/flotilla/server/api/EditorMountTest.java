package dev.flotilla.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.flotilla.editor.EditorSettings;
import dev.flotilla.opamp.proto.AgentCapabilities;
import dev.flotilla.opamp.proto.AgentConfigFile;
import dev.flotilla.opamp.proto.AgentConfigMap;
import dev.flotilla.opamp.proto.EffectiveConfig;
import dev.flotilla.server.config.Role;
import dev.flotilla.server.config.ServerConfig;
import dev.flotilla.server.support.OpampHttp;
import dev.flotilla.server.support.RawAgent;
import dev.flotilla.server.support.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The editor mounted in the server: the server's sign-in, roles and CSRF apply to it. */
class EditorMountTest {
  static final String VIEWER = "viewer-token";
  static final String OPERATOR = "operator-token";
  static final String CONF = "[INPUT]\n    Name cpu\n[OUTPUT]\n    Name stdout\n    Match *\n";

  @TempDir Path dir;
  @TempDir Path folder;
  TestServer server;
  RawAgent agent;

  @BeforeEach
  void start() throws Exception {
    Files.writeString(folder.resolve("fluent-bit.conf"), CONF);
    server =
        TestServer.start(
            dir,
            c ->
                c.withNoAuth(false)
                    .withAgentToken(TestServer.AGENT_TOKEN)
                    .withOperatorTokens(
                        List.of(
                            new ServerConfig.OperatorToken(OPERATOR, Role.OPERATOR, "ops"),
                            new ServerConfig.OperatorToken(VIEWER, Role.VIEWER, "view")))
                    .withEditor(EditorSettings.defaults().withFolder(folder)));
    OpampHttp http = new OpampHttp(server.opampHttp());
    http.token = TestServer.AGENT_TOKEN;
    agent =
        new RawAgent(
            AgentsApiTest.CAPS | AgentCapabilities.AgentCapabilities_ReportsEffectiveConfig_VALUE);
    http.send(
        agent
            .full("fluent-bit")
            .setEffectiveConfig(
                EffectiveConfig.newBuilder()
                    .setConfigMap(
                        AgentConfigMap.newBuilder()
                            .putConfigMap(
                                "fluent-bit.conf",
                                AgentConfigFile.newBuilder()
                                    .setBody(ByteString.copyFromUtf8(CONF))
                                    .setContentType("text/plain")
                                    .build())))
            .build());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theConsoleListsTheMountedEditor() {
    JsonNode features = server.json(server.api("GET", "/api/v1/features", null, VIEWER).body());
    assertThat(features.path("features").get(0).path("name").asString()).isEqualTo("editor");
    assertThat(features.path("features").get(0).path("url").asString()).isEqualTo("/editor/");
    assertThat(features.path("features").get(0).path("mounted").asBoolean()).isTrue();
  }

  @Test
  void signInAndRolesApply() {
    HttpResponse<String> anonymous = server.api("GET", "/api/v1/editor/info", null, null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(server.json(anonymous.body()).path("error").path("code").asString())
        .isEqualTo("unauthorized");
    assertThat(server.api("GET", "/api/v1/editor/info", null, "wrong").statusCode()).isEqualTo(401);
    JsonNode viewer = server.json(server.api("GET", "/api/v1/editor/info", null, VIEWER).body());
    assertThat(viewer.path("mode").asString()).isEqualTo("mounted");
    assertThat(viewer.path("canWrite").asBoolean()).isFalse();
    JsonNode operator =
        server.json(server.api("GET", "/api/v1/editor/info", null, OPERATOR).body());
    assertThat(operator.path("canWrite").asBoolean()).isTrue();
  }

  @Test
  void viewersReadButOnlyOperatorsSave() throws Exception {
    String body =
        JsonMapper.builder()
            .build()
            .writeValueAsString(
                Map.of(
                    "document",
                    Map.of("name", "fluent-bit.conf", "text", CONF.replace("cpu", "mem")),
                    "source",
                    "folder:fluent-bit.conf"));
    HttpResponse<String> refused =
        server.api("PUT", "/api/v1/editor/files/content?path=fluent-bit.conf", body, VIEWER);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(Files.readString(folder.resolve("fluent-bit.conf"))).isEqualTo(CONF);
    HttpResponse<String> saved =
        server.api("PUT", "/api/v1/editor/files/content?path=fluent-bit.conf", body, OPERATOR);
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    assertThat(Files.readString(folder.resolve("fluent-bit.conf")))
        .contains("# config_version: 1")
        .endsWith(CONF.replace("cpu", "mem"));
  }

  @Test
  void agentsEffectiveConfigsOpenInTheEditor() {
    JsonNode list = server.json(server.api("GET", "/api/v1/editor/agents", null, VIEWER).body());
    JsonNode a = list.path("agents").get(0);
    assertThat(a.path("uid").asString()).isEqualTo(agent.uid.toString());
    assertThat(a.path("engine").asString()).isEqualTo("fluent-bit");
    JsonNode config =
        server.json(
            server
                .api("GET", "/api/v1/editor/agents/" + agent.uid + "/config", null, VIEWER)
                .body());
    assertThat(config.path("files").get(0).path("text").asString()).isEqualTo(CONF);
    HttpResponse<String> unknown =
        server.api(
            "GET",
            "/api/v1/editor/agents/0190a4e1-0000-7000-8000-000000000000/config",
            null,
            VIEWER);
    assertThat(unknown.statusCode()).isEqualTo(404);
  }

  @Test
  void browserSessionsNeedTheCsrfHeader() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> signIn =
        http.send(
            HttpRequest.newBuilder(URI.create(server.apiBase() + "/api/v1/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + VIEWER + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    String csrf = server.json(signIn.body()).path("csrfToken").asString();
    String doc = "{\"name\":\"a.conf\",\"text\":\"[INPUT]\\n    Name cpu\\n\"}";
    HttpRequest.Builder parse =
        HttpRequest.newBuilder(URI.create(server.apiBase() + "/api/v1/editor/documents/parse"))
            .header("Content-Type", "application/json")
            .header("Cookie", cookie)
            .POST(HttpRequest.BodyPublishers.ofString(doc));
    assertThat(http.send(parse.build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(403);
    HttpResponse<String> ok =
        http.send(parse.header("X-CSRF-Token", csrf).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(server.json(ok.body()).path("segments").get(0).path("plugin").asString())
        .isEqualTo("cpu");
  }

  @Test
  void thePageIsServedWithoutSignIn() {
    for (String path : List.of("/editor/", "/editor/index.html")) {
      HttpResponse<String> page = server.api("GET", path, null, null);
      assertThat(page.statusCode()).as(path).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    }
    assertThat(server.api("GET", "/", null, null).body()).contains("Flotilla");
    // the shared browser code both pages import, served once by the server
    assertThat(server.api("GET", "/kit/api.js", null, null).statusCode()).isEqualTo(200);
  }
}
