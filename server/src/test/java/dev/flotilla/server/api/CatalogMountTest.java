package dev.flotilla.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.catalog.Bundle;
import dev.flotilla.catalog.CatalogSettings;
import dev.flotilla.editor.EditorSettings;
import dev.flotilla.server.config.Role;
import dev.flotilla.server.config.ServerConfig;
import dev.flotilla.server.support.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The catalog mounted in the server: the server's sign-in and roles apply to it. */
class CatalogMountTest {
  static final String VIEWER = "viewer-token";
  static final String OPERATOR = "operator-token";

  @TempDir Path dir;
  @TempDir Path folder;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    Files.writeString(
        folder.resolve("edge.conf"),
        "# config_version: 5\n# tags: edge\n@INCLUDE out.conf\n[INPUT]\n    Name cpu\n");
    Files.writeString(folder.resolve("out.conf"), "[OUTPUT]\n    Name stdout\n    Match *\n");
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
                    .withEditor(EditorSettings.defaults())
                    .withCatalog(
                        CatalogSettings.of(
                            List.of(
                                new CatalogSettings.Folder(
                                    folder, List.of(), List.of(), Duration.ZERO)),
                            List.of())));
    await().atMost(Duration.ofSeconds(20)).until(() -> list(VIEWER).path("entries").size() == 1);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private JsonNode list(String token) {
    return server.json(server.api("GET", "/api/v1/catalog", null, token).body());
  }

  @Test
  void viewersReadOperatorsRefresh() throws Exception {
    assertThat(server.api("GET", "/api/v1/catalog", null, null).statusCode()).isEqualTo(401);
    JsonNode viewer = list(VIEWER);
    assertThat(viewer.path("canRefresh").asBoolean()).isFalse();
    assertThat(viewer.path("mode").asString()).isEqualTo("mounted");
    assertThat(viewer.path("editor").asString()).isEqualTo("/editor/");
    JsonNode entry = viewer.path("entries").get(0);
    assertThat(entry.path("configVersion").asString()).isEqualTo("5");
    String id = entry.path("id").asString();
    JsonNode one = server.json(server.api("GET", "/api/v1/catalog/" + id, null, VIEWER).body());
    assertThat(one.path("files").size()).isEqualTo(2);
    assertThat(one.path("editor").asString()).isEqualTo("/editor/?catalog=" + id);

    Files.writeString(folder.resolve("more.yaml"), "pipeline:\n  inputs:\n    - name: cpu\n");
    HttpResponse<String> refused = server.api("POST", "/api/v1/catalog/refresh", "", VIEWER);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(list(VIEWER).path("entries").size()).isEqualTo(1);
    HttpResponse<String> done = server.api("POST", "/api/v1/catalog/refresh", "", OPERATOR);
    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    assertThat(server.json(done.body()).path("entries").size()).isEqualTo(2);
    assertThat(list(OPERATOR).path("canRefresh").asBoolean()).isTrue();

    Bundle bundle = server.server().catalog().orElseThrow().bundle(id).orElseThrow();
    assertThat(bundle.files().keySet()).containsExactly("edge.conf", "out.conf");
  }

  @Test
  void theConsoleListsTheMountedCatalog() {
    JsonNode features = server.json(server.api("GET", "/api/v1/features", null, VIEWER).body());
    assertThat(features.path("features").findValuesAsString("url")).contains("/catalog/");
  }
}
