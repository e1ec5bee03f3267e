package dev.flotilla.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.editor.EditorSettings;
import dev.flotilla.server.config.Role;
import dev.flotilla.server.config.ServerConfig;
import dev.flotilla.server.support.TestServer;
import dev.flotilla.testkit.launch.StandInExecutable;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A dry run runs a local engine binary on the caller's text (Fluentd evaluates embedded Ruby as it
 * parses), so in the server it is an operator action: a viewer may validate but not dry-run.
 */
class EditorDryRunRoleTest {
  static final String VIEWER = "viewer-token";
  static final String OPERATOR = "operator-token";
  static final String DOC =
      "{\"name\":\"fluent-bit.conf\",\"text\":\"[INPUT]\\n    Name cpu\\n[OUTPUT]\\n    Name"
          + " stdout\\n    Match *\\n\"}";

  @TempDir Path dir;
  @TempDir Path bin;
  TestServer server;

  @BeforeEach
  void start() {
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
                    .withEditor(
                        EditorSettings.defaults()
                            .withBinary("fluent-bit", StandInExecutable.fluentBit(bin))));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void viewersMayNotDryRun() {
    HttpResponse<String> refused =
        server.api("POST", "/api/v1/editor/documents/dry-run", DOC, VIEWER);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(server.json(refused.body()).path("error").path("code").asString())
        .isEqualTo("forbidden");
    assertThat(server.api("POST", "/api/v1/editor/documents/parse", DOC, VIEWER).statusCode())
        .isEqualTo(200);
    JsonNode info = server.json(server.api("GET", "/api/v1/editor/info", null, VIEWER).body());
    assertThat(info.path("dryRun").path("fluent-bit").asBoolean()).isTrue();
    assertThat(info.path("canDryRun").asBoolean()).isFalse();
  }

  @Test
  void operatorsMay() {
    HttpResponse<String> ran =
        server.api("POST", "/api/v1/editor/documents/dry-run", DOC, OPERATOR);
    assertThat(ran.statusCode()).as(ran.body()).isEqualTo(200);
    assertThat(server.json(ran.body()).path("ok").asBoolean()).as(ran.body()).isTrue();
    JsonNode info = server.json(server.api("GET", "/api/v1/editor/info", null, OPERATOR).body());
    assertThat(info.path("canDryRun").asBoolean()).isTrue();
  }
}
