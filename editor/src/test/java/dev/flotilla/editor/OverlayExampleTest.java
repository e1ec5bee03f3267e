package dev.flotilla.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The overlay example of docs/editor.md does what the page says it does. */
class OverlayExampleTest {
  private EditorServer server;
  private EditorClient client;

  @BeforeEach
  void start() throws URISyntaxException {
    Path overlay =
        Path.of(getClass().getResource("/overlay-example/acme_sink.json").toURI()).getParent();
    server =
        EditorServer.start(
            "127.0.0.1",
            0,
            EditorSettings.defaults().withOverlays(List.of(overlay)),
            Optional.empty(),
            Clock.systemUTC());
    client = new EditorClient("http://127.0.0.1:" + server.port() + "/api/v1/editor");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theDocumentedFilesAreTheTestedFiles() throws Exception {
    Path docs = Path.of("..", "docs", "editor.md");
    String page = Files.readString(docs);
    Matcher m =
        Pattern.compile(
                "`schemas-overlay/([a-z_\\-]+\\.json)`:\\n\\n```json\\n(.*?)```", Pattern.DOTALL)
            .matcher(page);
    int found = 0;
    while (m.find()) {
      found++;
      String tested =
          new String(
              getClass().getResourceAsStream("/overlay-example/" + m.group(1)).readAllBytes());
      assertThat(tested).as(m.group(1)).isEqualTo(m.group(2));
    }
    assertThat(found).isEqualTo(2);
  }

  @Test
  void theCustomPluginAndTheRuleApply() {
    String text =
        "[OUTPUT]\n    Name http\n    Match *\n    uri /v1/logs\n"
            + "[OUTPUT]\n    Name acme_sink\n    Match *\n    level loud\n";
    JsonNode view = client.post("/documents/parse", client.document("a.conf", text)).body();
    List<String> errors =
        view.path("findings")
            .valueStream()
            .filter(f -> f.path("severity").asString().equals("error"))
            .map(f -> f.path("message").asString())
            .toList();
    assertThat(errors)
        .contains(
            "'uri' value '/v1/logs' must be a path under /ingest/",
            "output 'acme_sink' needs 'endpoint'",
            "'level' value 'loud' expects one of debug, info, warn, error");
    JsonNode acme = view.path("segments").get(1).path("schema");
    assertThat(acme.path("name").asString()).isEqualTo("acme_sink");
  }
}
