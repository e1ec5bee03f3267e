package dev.flotilla.fluentconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.fluentconfig.generate.FluentdCorePlugins;
import dev.flotilla.fluentconfig.generate.SchemaGenerator;
import dev.flotilla.fluentconfig.generate.SchemaSet;
import dev.flotilla.fluentconfig.generate.SchemaWriter;
import dev.flotilla.fluentconfig.schema.OptionSchema;
import dev.flotilla.fluentconfig.schema.PluginSchema;
import dev.flotilla.fluentconfig.schema.Rule;
import dev.flotilla.fluentconfig.schema.SchemaCatalog;
import dev.flotilla.fluentconfig.schema.SchemaJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped 5.1.1 documents are exactly what the generator makes from the real dump. Run with
 * {@code -Dflotilla.schema.regenerate=true} to rewrite them after changing the generator.
 */
class BundledSchemaTest {
  static final SchemaJson JSON = new SchemaJson();

  static String dump() throws IOException {
    try (InputStream in =
        BundledSchemaTest.class.getResourceAsStream("/fluent-bit/fluent-bit-schema-5.1.1.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static SchemaGenerator generator() {
    return new SchemaGenerator(JSON, HttpClient.newHttpClient(), Duration.ofSeconds(10));
  }

  @Test
  void shippedDocumentsMatchTheGenerator(@TempDir Path tmp) throws IOException {
    SchemaSet fluentBit = generator().fromDump(dump());
    SchemaSet fluentd = FluentdCorePlugins.schemas();
    Path out =
        Boolean.getBoolean("flotilla.schema.regenerate")
            ? Path.of("src/main/resources/dev/flotilla/fluentconfig/schema")
            : tmp;
    List<Path> files = new SchemaWriter(JSON).write(fluentBit, out);
    files = new java.util.ArrayList<>(files);
    files.addAll(new SchemaWriter(JSON).write(fluentd, out));
    for (Path f : files) {
      String resource =
          "/dev/flotilla/fluentconfig/schema/" + out.relativize(f).toString().replace('\\', '/');
      try (InputStream in = getClass().getResourceAsStream(resource)) {
        assertThat(in).as(resource).isNotNull();
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
            .as(resource)
            .isEqualTo(Files.readString(f));
      }
    }
  }

  @Test
  void bundledCatalogHasPluginsGlobalsServiceAndRules() {
    SchemaCatalog catalog = SchemaCatalog.bundled("fluent-bit", "5.1.1", JSON);
    assertThat(catalog.names("input")).hasSize(42).contains("tail", "dummy");
    assertThat(catalog.names("output")).hasSize(45);
    PluginSchema modify = catalog.document("filter", "modify").orElseThrow();
    assertThat(modify.option("add").map(OptionSchema::repeatable)).contains(true);
    assertThat(
            catalog.document("input", "tail").orElseThrow().option("path").orElseThrow().required())
        .isTrue();
    PluginSchema http = catalog.document("output", "http").orElseThrow();
    assertThat(http.options().stream().filter(o -> o.name().equals("tls.verify"))).hasSize(1);
    assertThat(http.option("format").orElseThrow().rule()).isInstanceOf(Rule.Choice.class);
    assertThat(catalog.document("global", "output").orElseThrow().option("match")).isPresent();
    assertThat(catalog.document("service", "service").orElseThrow().option("hot_reload"))
        .isPresent();
    assertThat(
            catalog.document("input", "tail").orElseThrow().option("Parser_1").orElseThrow().name())
        .isEqualTo("parser_");
    SchemaCatalog fluentd = SchemaCatalog.bundled("fluentd", "1", JSON);
    assertThat(fluentd.document("source", "forward")).isPresent();
  }
}
