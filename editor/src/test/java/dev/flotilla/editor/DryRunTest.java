package dev.flotilla.editor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.testkit.launch.StandInExecutable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The engine's own dry run through the editor: the testkit stand-ins, or the real binaries when
 * FLUENT_BIT_BIN / FLUENTD_BIN point at them.
 */
class DryRunTest {
  @TempDir Path bin;
  @TempDir Path folder;
  private EditorServer server;
  private EditorClient client;

  @BeforeEach
  void start() {
    EditorSettings settings =
        EditorSettings.defaults()
            .withFolder(folder)
            .withBinary("fluent-bit", StandInExecutable.fluentBit(bin))
            .withBinary("fluentd", StandInExecutable.fluentd(bin));
    server = EditorServer.start("127.0.0.1", 0, settings, Optional.empty(), Clock.systemUTC());
    client = new EditorClient("http://127.0.0.1:" + server.port() + "/api/v1/editor");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aGoodFluentBitConfigPasses() {
    JsonNode r =
        client
            .post(
                "/documents/dry-run",
                client.document(
                    "fluent-bit.conf",
                    "[INPUT]\n    Name cpu\n[OUTPUT]\n    Name stdout\n    Match *\n"))
            .body();
    assertThat(r.path("ok").asBoolean()).as(r.toString()).isTrue();
    assertThat(r.path("engine").asString()).isEqualTo("fluent-bit");
  }

  @Test
  void anUnknownPluginFailsWithTheEnginesMessage() {
    JsonNode r =
        client
            .post(
                "/documents/dry-run",
                client.document("fluent-bit.conf", "[INPUT]\n    Name no_such_input\n"))
            .body();
    assertThat(r.path("ok").asBoolean()).isFalse();
    assertThat(r.path("exitCode").asInt()).isNotZero();
    assertThat(r.path("message").asString()).contains("no_such_input");
    assertThat(r.path("output").asString())
        .doesNotContain(System.getProperty("java.io.tmpdir") + "/flotilla-dry-run");
  }

  @Test
  void includesComeFromTheFolder() throws Exception {
    Files.writeString(folder.resolve("outputs.conf"), "[OUTPUT]\n    Name stdout\n    Match *\n");
    ObjectNode doc =
        client
            .document("main.conf", "@INCLUDE outputs.conf\n[INPUT]\n    Name cpu\n")
            .put("path", "main.conf");
    assertThat(client.post("/documents/dry-run", doc).body().path("ok").asBoolean()).isTrue();
    ObjectNode alone =
        client.document("main.conf", "@INCLUDE outputs.conf\n[INPUT]\n    Name cpu\n");
    assertThat(client.post("/documents/dry-run", alone).body().path("ok").asBoolean()).isFalse();
  }

  @Test
  void fluentdConfigsWithEmbeddedRubyAreRefused() throws Exception {
    Path marker = folder.resolve("ran");
    String ruby =
        "<source>\n  @type forward\n  tag \"#{File.write('"
            + marker
            + "', 'x')}\"\n</source>\n<match **>\n  @type stdout\n</match>\n";
    EditorClient.Answer refused =
        client.post("/documents/dry-run", client.document("fluent.conf", ruby));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.errorMessage())
        .contains("fluent.conf line 3")
        .contains("Ruby")
        .contains("allow-fluentd-ruby");
    assertThat(marker).doesNotExist();
    // a Fluent Bit config may say #{ in a value: only fluentd evaluates it
    assertThat(
            client
                .post(
                    "/documents/dry-run",
                    client.document(
                        "fluent-bit.conf",
                        "[INPUT]\n    Name cpu\n    Tag #{x}\n[OUTPUT]\n    Name stdout\n"
                            + "    Match *\n"))
                .status())
        .isEqualTo(200);
  }

  @Test
  void embeddedRubyMayBeAllowed() {
    server.close();
    server =
        EditorServer.start(
            "127.0.0.1",
            0,
            EditorSettings.defaults()
                .withBinary("fluentd", StandInExecutable.fluentd(bin))
                .withFluentdRuby(true),
            Optional.empty(),
            Clock.systemUTC());
    client = new EditorClient("http://127.0.0.1:" + server.port() + "/api/v1/editor");
    String ruby =
        "<source>\n  @type forward\n  tag \"#{ENV['HOME']}\"\n</source>\n"
            + "<match **>\n  @type stdout\n</match>\n";
    EditorClient.Answer ran =
        client.post("/documents/dry-run", client.document("fluent.conf", ruby));
    assertThat(ran.status()).as(ran.body().toString()).isEqualTo(200);
  }

  @Test
  void fluentdDryRun() {
    String good = "<source>\n  @type forward\n</source>\n<match **>\n  @type stdout\n</match>\n";
    assertThat(
            client
                .post("/documents/dry-run", client.document("fluent.conf", good))
                .body()
                .path("ok")
                .asBoolean())
        .isTrue();
    JsonNode bad =
        client
            .post(
                "/documents/dry-run",
                client.document("fluent.conf", good.replace("stdout", "nosuchthing")))
            .body();
    assertThat(bad.path("ok").asBoolean()).isFalse();
    assertThat(bad.path("message").asString()).contains("nosuchthing");
  }
}
