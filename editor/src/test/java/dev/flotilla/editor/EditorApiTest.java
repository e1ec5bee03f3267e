package dev.flotilla.editor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.editor.EditorClient.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The editor's REST API over real HTTP on loopback, standalone, with a folder and an overlay. */
class EditorApiTest {
  static final String CLASSIC =
      """
      # a comment that must survive
      [SERVICE]
          Flush        1

      [INPUT]
          Name   tail
          Tag    app.*
          Path   /var/log/app.log

      [OUTPUT]
          Name   stdout
          Match  app.*
      """;

  @TempDir Path folder;
  @TempDir Path overlay;
  private EditorServer server;
  private EditorClient client;

  @BeforeEach
  void start() throws Exception {
    Files.writeString(folder.resolve("fluent-bit.conf"), CLASSIC);
    Files.createDirectories(folder.resolve("sub"));
    Files.writeString(
        folder.resolve("sub/out.yaml"),
        "pipeline:\n  outputs:\n    - name: stdout\n      match: '*'\n");
    Files.writeString(
        overlay.resolve("acme.json"),
        """
        {"engine":"fluent-bit","version":"5.1.1","section":"output","name":"acme_sink",
         "description":"ACME log sink",
         "options":[{"name":"endpoint","type":"string","required":true,"description":"Where to send"},
                    {"name":"level","type":"string","default":"info",
                     "rule":{"kind":"enum","values":["debug","info","warn"]}}]}
        """);
    Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    server =
        EditorServer.start(
            "127.0.0.1",
            0,
            EditorSettings.defaults().withFolder(folder).withOverlays(List.of(overlay)),
            Optional.empty(),
            clock);
    client = new EditorClient("http://127.0.0.1:" + server.port() + "/api/v1/editor");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void infoDescribesTheStandaloneEditor() {
    JsonNode info = client.get("/info").body();
    assertThat(info.path("mode").asString()).isEqualTo("standalone");
    assertThat(info.path("folder").path("name").asString())
        .isEqualTo(folder.getFileName().toString());
    assertThat(info.path("agents").asBoolean()).isFalse();
    assertThat(info.path("canWrite").asBoolean()).isTrue();
    assertThat(info.path("engines").findValuesAsString("engine"))
        .containsExactly("fluent-bit", "fluentd");
  }

  @Test
  void overlayPluginIsInTheSchemas() {
    JsonNode outputs =
        client.get("/schemas?engine=fluent-bit").body().path("sections").path("output");
    JsonNode acme = null;
    for (JsonNode o : outputs) {
      if (o.path("name").asString().equals("acme_sink")) {
        acme = o;
      }
    }
    assertThat(acme).isNotNull();
    assertThat(acme.path("options").get(0).path("required").asBoolean()).isTrue();
    assertThat(client.get("/schemas?engine=nginx").errorCode()).isEqualTo("bad_request");
  }

  @Test
  void parseGivesSegmentsFindingsAndPipeline() {
    String text =
        CLASSIC.replace(
            "Path   /var/log/app.log", "Path   /var/log/app.log\n    Mem_Buf_Limit 10X");
    JsonNode view =
        client.post("/documents/parse", client.document("fluent-bit.conf", text)).body();
    assertThat(view.path("format").asString()).isEqualTo("fluent-bit-classic");
    JsonNode input = view.path("segments").get(1);
    assertThat(input.path("path").asString()).isEqualTo("/pipeline/inputs/0");
    assertThat(input.path("schema").path("name").asString()).isEqualTo("tail");
    assertThat(input.path("schema").path("global").asString()).isEqualTo("input");
    JsonNode invalid = finding(view, "invalid-value");
    assertThat(invalid.path("path").asString()).isEqualTo("/pipeline/inputs/0/Mem_Buf_Limit");
    assertThat(invalid.path("message").asString()).contains("expects a size");
    assertThat(view.path("counts").path("error").asInt()).isEqualTo(1);
    JsonNode edge = view.path("pipeline").path("edges").get(0);
    assertThat(edge.path("from").asString()).isEqualTo("/pipeline/inputs/0");
    assertThat(edge.path("to").asString()).isEqualTo("/pipeline/outputs/0");
  }

  @Test
  void aSetEditChangesOnlyThatLine() {
    ObjectNode body = client.around(client.document("fluent-bit.conf", CLASSIC));
    client
        .edit(body, "set")
        .put("section", "/pipeline/inputs/0")
        .put("key", "Tag")
        .put("value", "web.*");
    JsonNode view = client.post("/documents/edit", body).body();
    assertThat(view.path("text").asString())
        .isEqualTo(CLASSIC.replace("app.*\n    Path", "web.*\n    Path"));
    assertThat(view.path("pipeline").path("edges")).isEmpty();
  }

  @Test
  void addingAPluginUsesTheOverlay() {
    ObjectNode body = client.around(client.document("fluent-bit.conf", CLASSIC));
    ObjectNode edit = client.edit(body, "add-section").put("parent", "").put("kind", "output");
    edit.putObject("properties").put("name", "acme_sink").put("match", "*");
    JsonNode view = client.post("/documents/edit", body).body();
    assertThat(view.path("text").asString()).startsWith(CLASSIC).contains("acme_sink");
    JsonNode missing = finding(view, "missing-key");
    assertThat(missing.path("message").asString()).contains("endpoint");
  }

  @Test
  void badEditsAndBadBodiesGetOneErrorShape() {
    ObjectNode body = client.around(client.document("fluent-bit.conf", CLASSIC));
    client.edit(body, "set").put("section", "/nope").put("key", "a").put("value", "b");
    Answer a = client.post("/documents/edit", body);
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.errorMessage()).startsWith("edit 1 (set)");
    assertThat(client.post("/documents/parse", "{not json").errorCode()).isEqualTo("bad_request");
    assertThat(client.post("/documents/parse", client.object()).errorCode())
        .isEqualTo("bad_request");
    ObjectNode wrong = client.document("x.conf", CLASSIC).put("format", "toml");
    assertThat(client.post("/documents/parse", wrong).errorMessage()).contains("unknown format");
    assertThat(client.get("/nothing-here").errorCode()).isEqualTo("not_found");
  }

  @Test
  void aSyntaxErrorIsReportedAndBlocksFormEdits() {
    String broken = "[INPUT\n    Name cpu\n";
    JsonNode view = client.post("/documents/parse", client.document("a.conf", broken)).body();
    assertThat(view.path("syntaxError").path("line").asInt()).isEqualTo(1);
    assertThat(view.path("segments")).isEmpty();
    assertThat(finding(view, "syntax")).isNotNull();
    ObjectNode body = client.around(client.document("a.conf", broken));
    client.edit(body, "unset").put("section", "/pipeline/inputs/0").put("key", "Name");
    Answer a = client.post("/documents/edit", body);
    assertThat(a.status()).isEqualTo(409);
    assertThat(a.errorMessage()).contains("does not parse");
  }

  @Test
  void anOversizedDocumentIsRefused() {
    String big = "# " + "x".repeat(2 * 1024 * 1024 + 10) + "\n";
    Answer a = client.post("/documents/parse", client.document("big.conf", big));
    assertThat(a.status()).isEqualTo(413);
    assertThat(a.errorCode()).isEqualTo("payload_too_large");
    String huge = "# " + "x".repeat(9 * 1024 * 1024) + "\n";
    assertThat(client.post("/documents/parse", client.document("huge.conf", huge)).status())
        .isEqualTo(413);
  }

  @Test
  void convertsClassicToYaml() {
    ObjectNode body = client.around(client.document("fluent-bit.conf", CLASSIC));
    body.put("to", "fluent-bit-yaml");
    JsonNode c = client.post("/documents/convert", body).body();
    assertThat(c.path("view").path("name").asString()).isEqualTo("fluent-bit.yaml");
    assertThat(c.path("view").path("format").asString()).isEqualTo("fluent-bit-yaml");
    assertThat(c.path("view").path("text").asString()).contains("pipeline:").contains("name: tail");
    assertThat(c.path("view").path("counts").path("error").asInt()).isZero();
    body.put("to", "fluentd");
    assertThat(client.post("/documents/convert", body).errorCode()).isEqualTo("bad_request");
  }

  @Test
  void stampBumpsTheVersionAndKeepsTheRest() {
    ObjectNode body =
        client.around(client.document("fluent-bit.conf", "# config_version: 7\n" + CLASSIC));
    body.put("source", "upload:fluent-bit.conf");
    String text = client.post("/documents/stamp", body).body().path("text").asString();
    assertThat(text)
        .startsWith(
            "# config_version: 8\n# date: 2026-11-24T10:00:00Z\n# source: upload:fluent-bit.conf\n"
                + "# engine_version: 5.1.1\n")
        .endsWith(CLASSIC);
  }

  @Test
  void filesListReadAndSave() throws Exception {
    JsonNode list = client.get("/files").body();
    assertThat(list.path("files").findValuesAsString("path"))
        .containsExactly("fluent-bit.conf", "sub/out.yaml");
    JsonNode file = client.get("/files/content?path=fluent-bit.conf").body();
    assertThat(file.path("text").asString()).isEqualTo(CLASSIC);
    ObjectNode body = client.object();
    body.set(
        "document",
        client.document("fluent-bit.conf", CLASSIC.replace("Flush        1", "Flush        5")));
    body.put("source", "folder:fluent-bit.conf").put("baseHash", file.path("hash").asString());
    Answer saved = client.put("/files/content?path=fluent-bit.conf", body);
    assertThat(saved.status()).isEqualTo(200);
    String onDisk = Files.readString(folder.resolve("fluent-bit.conf"));
    assertThat(onDisk).isEqualTo(saved.body().path("view").path("text").asString());
    assertThat(onDisk)
        .startsWith("# config_version: 1\n")
        .endsWith(CLASSIC.replace("Flush        1", "Flush        5"));
    // the same stale hash again: the file changed since, so nothing is written
    Answer stale = client.put("/files/content?path=fluent-bit.conf", body);
    assertThat(stale.status()).isEqualTo(409);
    assertThat(Files.readString(folder.resolve("fluent-bit.conf"))).isEqualTo(onDisk);
  }

  @Test
  void aFileThatDoesNotParseIsNotSaved() throws Exception {
    ObjectNode body = client.around(client.document("fluent-bit.conf", "[INPUT\n"));
    Answer a = client.put("/files/content?path=fluent-bit.conf", body);
    assertThat(a.status()).isEqualTo(409);
    assertThat(Files.readString(folder.resolve("fluent-bit.conf"))).isEqualTo(CLASSIC);
  }

  @Test
  void pathsCannotLeaveTheFolder() throws Exception {
    Path outside = Files.createTempFile("outside", ".conf");
    Files.createSymbolicLink(folder.resolve("link.conf"), outside);
    for (String p : List.of("../x.conf", "/etc/passwd", "sub/../../x.conf", "link.conf", "")) {
      assertThat(client.get("/files/content?path=" + p).errorCode()).as(p).isEqualTo("bad_request");
    }
    ObjectNode body = client.around(client.document("x.conf", CLASSIC));
    assertThat(client.put("/files/content?path=../x.conf", body).status()).isEqualTo(400);
    assertThat(client.get("/files/content?path=missing.conf").errorCode()).isEqualTo("not_found");
    Files.delete(outside);
  }

  @Test
  void includesAreFollowedInsideTheFolderOnly() throws Exception {
    Files.writeString(
        folder.resolve("main.conf"), "@INCLUDE sub/in.conf\n@INCLUDE ../secret.conf\n");
    Files.writeString(folder.resolve("sub/in.conf"), "[INPUT]\n    Name cpu\n    Bogus_Key 1\n");
    JsonNode view =
        client
            .post(
                "/documents/parse",
                client
                    .document("main.conf", "@INCLUDE sub/in.conf\n@INCLUDE ../secret.conf\n")
                    .put("path", "main.conf"))
            .body();
    JsonNode unknown = finding(view, "unknown-key");
    assertThat(unknown.path("file").asString()).isEqualTo("sub/in.conf");
    assertThat(finding(view, "missing-include").path("message").asString())
        .doesNotContain(folder.toString());
  }

  @Test
  void templatesOpenAndLintClean() {
    JsonNode list = client.get("/templates").body().path("templates");
    assertThat(list.size()).isGreaterThanOrEqualTo(4);
    for (JsonNode t : list) {
      JsonNode content = client.get("/templates/" + t.path("id").asString()).body();
      ObjectNode doc =
          client.document(content.path("name").asString(), content.path("text").asString());
      JsonNode view = client.post("/documents/parse", doc).body();
      assertThat(view.path("findings")).as(t.path("id").asString()).isEmpty();
      assertThat(view.path("engine").asString()).isEqualTo(t.path("engine").asString());
    }
    assertThat(client.get("/templates/nope").errorCode()).isEqualTo("not_found");
  }

  @Test
  void withoutAFleetThereAreNoAgents() {
    assertThat(client.get("/agents").errorCode()).isEqualTo("not_found");
  }

  @Test
  void dryRunNeedsALocalBinary() {
    Answer a = client.post("/documents/dry-run", client.document("a.conf", CLASSIC));
    assertThat(a.status()).isEqualTo(503);
    assertThat(a.errorMessage()).contains("no local fluent-bit binary");
  }

  /** The audit's config: with a backtracking matcher two of these froze every listener. */
  @Test
  @org.junit.jupiter.api.Timeout(60)
  void aPathologicalMatchPatternParsesAtOnce() {
    String text =
        "[INPUT]\n    Name dummy\n    Tag  "
            + "a".repeat(40)
            + "\n\n[OUTPUT]\n    Name  stdout\n    Match "
            + "*a".repeat(12)
            + "*b\n";
    for (int i = 0; i < 2; i++) {
      JsonNode view = client.post("/documents/parse", client.document("f.conf", text)).body();
      assertThat(finding(view, "match-no-input").path("message").asString()).contains("*b");
    }
    assertThat(client.get("/info").status()).isEqualTo(200);
  }

  @Test
  void deeplyNestedInputIsRefusedWithTheErrorShape() {
    String text = "<label @a>\n".repeat(5_000) + "</label>\n".repeat(5_000);
    Answer a = client.post("/documents/parse", client.document("fluent.conf", text));
    assertThat(a.status()).isIn(200, 400);
    if (a.status() == 400) {
      assertThat(a.errorMessage()).contains("nested too deeply");
    }
  }

  static JsonNode finding(JsonNode view, String code) {
    for (JsonNode f : view.path("findings")) {
      if (f.path("code").asString().equals(code)) {
        return f;
      }
    }
    throw new AssertionError("no " + code + " finding in " + view.path("findings"));
  }
}
