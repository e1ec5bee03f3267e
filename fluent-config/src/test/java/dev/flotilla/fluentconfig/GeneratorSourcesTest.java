package dev.flotilla.fluentconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.flotilla.fluentconfig.generate.SchemaSet;
import dev.flotilla.fluentconfig.generate.SourceFacts;
import dev.flotilla.fluentconfig.generate.SourceTreeMiner;
import dev.flotilla.fluentconfig.schema.OptionSchema;
import dev.flotilla.fluentconfig.schema.PluginSchema;
import dev.flotilla.fluentconfig.schema.Rule;
import dev.flotilla.fluentconfig.schema.SchemaCatalog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorSourcesTest {

  private static Path cSource() throws Exception {
    return Path.of(GeneratorSourcesTest.class.getResource("/c-source").toURI());
  }

  @Test
  void localBinaryIsRunWithDashJ(@TempDir Path tmp) throws Exception {
    Path dump = tmp.resolve("dump.json");
    Files.writeString(dump, BundledSchemaTest.dump());
    Path fake = tmp.resolve("fluent-bit");
    Files.writeString(
        fake, "#!/bin/sh\nif [ \"$1\" = \"-J\" ]; then cat '" + dump + "'; exit 0; fi\nexit 1\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
    SchemaSet set = BundledSchemaTest.generator().fromBinary(fake);
    assertThat(set.version()).isEqualTo("5.1.1");
    assertThat(set.find("input", "tail")).isPresent();
  }

  @Test
  void publishedReleaseSchemaIsDownloaded() throws Exception {
    byte[] body = BundledSchemaTest.dump().getBytes(StandardCharsets.UTF_8);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/releases/download/v5.1.1/fluent-bit-schema-5.1.1.json",
        ex -> {
          ex.sendResponseHeaders(200, body.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    try {
      URI base =
          URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/releases/download");
      SchemaSet set = BundledSchemaTest.generator().fromRelease(base, "5.1.1");
      assertThat(set.find("output", "http")).isPresent();
      assertThatThrownBy(() -> BundledSchemaTest.generator().fromRelease(base, "9.9.9"))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("404");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void sourceTreeMinerFollowsTheRegistrationStruct() throws Exception {
    SourceFacts facts = new SourceTreeMiner().mine(cSource());
    Map<String, SourceFacts.Fact> byOption = new java.util.HashMap<>();
    facts.facts().values().forEach(f -> byOption.put(f.option(), f));
    assertThat(byOption.keySet())
        .containsExactlyInAnyOrder(
            "label", "rotate_wait", "window", "add", "rename", "paths", "regex");
    assertThat(byOption.get("add").repeatable()).isTrue();
    assertThat(byOption.get("rename").repeatable()).isTrue();
    assertThat(byOption.get("regex").repeatable()).isTrue();
    assertThat(byOption.get("label").repeatable()).isFalse();
    assertThat(byOption.get("label").defaultValue()).isNull();
    assertThat(byOption.get("add").defaultValue()).isNull();
    assertThat(byOption.get("rotate_wait").defaultValue()).isEqualTo("5");
    assertThat(byOption.get("window").defaultValue()).isEqualTo("(5)");
    assertThat(byOption.get("paths").defaultValue()).isEqualTo("a,b");
    assertThat(byOption.get("add").section()).isEqualTo("filter");
    assertThat(byOption.get("add").plugin()).isEqualTo("demo");
  }

  @Test
  void sourceFactsMergeOverADumpAndFromAnArchive(@TempDir Path tmp) throws Exception {
    PluginSchema demo =
        new PluginSchema(
            "fluent-bit",
            "5.1.1",
            "filter",
            "demo",
            "Demo",
            null,
            List.of(
                new OptionSchema("Add", "string", null, "", false, false, null, "options"),
                new OptionSchema(
                    "rotate_wait",
                    "time",
                    null,
                    "",
                    false,
                    false,
                    new Rule.Duration(),
                    "options")));
    SchemaSet base = new SchemaSet("fluent-bit", "5.1.1", List.of(demo));
    Path archive = tmp.resolve("src.tar.gz");
    writeTarGz(cSource(), archive, "fluent-bit-5.1.1/");
    SchemaSet merged = BundledSchemaTest.generator().withSourceArchive(base, archive);
    PluginSchema d = merged.find("filter", "demo").orElseThrow();
    assertThat(d.option("add").orElseThrow().repeatable()).isTrue();
    assertThat(d.option("rotate_wait").orElseThrow().defaultValue()).isEqualTo("5");

    byte[] body = Files.readAllBytes(archive);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/archive/refs/tags/v5.1.1.tar.gz",
        ex -> {
          ex.sendResponseHeaders(200, body.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    try {
      URI url =
          URI.create(
              "http://127.0.0.1:"
                  + server.getAddress().getPort()
                  + "/archive/refs/tags/v5.1.1.tar.gz");
      SchemaSet downloaded = BundledSchemaTest.generator().withSourceArchive(base, url);
      assertThat(
              downloaded
                  .find("filter", "demo")
                  .orElseThrow()
                  .option("add")
                  .orElseThrow()
                  .repeatable())
          .isTrue();
    } finally {
      server.stop(0);
    }
  }

  @Test
  void overlaysAddPluginsAndTightenRules(@TempDir Path tmp) throws IOException {
    Files.writeString(
        tmp.resolve("stricter.json"),
        """
        {"engine": "fluent-bit", "version": "*", "section": "output", "name": "http",
         "options": [{"name": "uri", "required": true, "rule": {"kind": "regex", "pattern": "/.*", "hint": "must start with /"}}]}
        """);
    Files.writeString(
        tmp.resolve("custom.json"),
        """
        {"section": "output", "name": "acme", "description": "In-house output",
         "options": [{"name": "endpoint", "type": "string", "required": true}]}
        """);
    SchemaCatalog catalog =
        SchemaCatalog.bundled("fluent-bit", "5.1.1", BundledSchemaTest.JSON)
            .withOverlays(tmp, BundledSchemaTest.JSON);
    OptionSchema uri = catalog.document("output", "http").orElseThrow().option("URI").orElseThrow();
    assertThat(uri.required()).isTrue();
    assertThat(uri.rule().violation("ingest")).contains("must start with /");
    assertThat(uri.description()).isNotBlank();
    assertThat(
            catalog
                .document("output", "acme")
                .orElseThrow()
                .option("endpoint")
                .orElseThrow()
                .required())
        .isTrue();
  }

  /** A minimal ustar writer, enough for the extractor under test. */
  static void writeTarGz(Path dir, Path archive, String prefix) throws IOException {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path f : files) {
      byte[] data = Files.readAllBytes(f);
      byte[] h = new byte[512];
      put(h, 0, prefix + dir.relativize(f).toString().replace('\\', '/'));
      put(h, 100, "0000644");
      put(h, 108, "0000000");
      put(h, 116, "0000000");
      put(h, 124, String.format("%011o", data.length));
      put(h, 136, String.format("%011o", 0));
      h[156] = '0';
      put(h, 257, "ustar");
      for (int i = 148; i < 156; i++) {
        h[i] = ' ';
      }
      int sum = 0;
      for (byte b : h) {
        sum += b & 0xff;
      }
      put(h, 148, String.format("%06o", sum));
      tar.write(h);
      tar.write(data);
      tar.write(new byte[(512 - data.length % 512) % 512]);
    }
    tar.write(new byte[1024]);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(archive))) {
      out.write(tar.toByteArray());
    }
  }

  private static void put(byte[] h, int at, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(b, 0, h, at, b.length);
  }
}
