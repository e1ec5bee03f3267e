package dev.flotilla.fluentconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.fluentconfig.lint.Linter;
import dev.flotilla.fluentconfig.lint.Profile;
import dev.flotilla.fluentconfig.load.ConfigLoader;
import dev.flotilla.fluentconfig.load.LoadedConfig;
import dev.flotilla.fluentconfig.schema.SchemaCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nesting from the input is bounded at 64 levels: deeper is a located parse error or finding. */
class DeepNestingTest {

  private static String labels(int depth) {
    return "<label @a>\n".repeat(depth) + "</label>\n".repeat(depth);
  }

  @Test
  void fiveHundredNestedFluentdLabelsAreAParseErrorAtTheSixtyFifth() {
    String text = labels(500);
    assertThatThrownBy(() -> ConfigDocument.parse("deep.conf", text, ConfigFormat.FLUENTD))
        .isInstanceOfSatisfying(
            ConfigParseException.class,
            e -> {
              assertThat(e.location()).isEqualTo(Location.of("deep.conf", 65, 1));
              assertThat(e.reason()).isEqualTo("nesting deeper than 64 levels");
            });
  }

  @Test
  void sixtyFourLevelsStillParse() {
    String fluentd = "<worker 0>\n" + labels(63) + "</worker>\n";
    assertThat(ConfigDocument.parse("ok.conf", fluentd, ConfigFormat.FLUENTD).tree().allSections())
        .hasSize(64);
    String yaml =
        "pipeline:\n  inputs:\n    - name: dummy\n      x: " + "[".repeat(60) + "]".repeat(60);
    assertThat(
            ConfigDocument.parse("ok.yaml", yaml, ConfigFormat.FLUENT_BIT_YAML).tree().sections())
        .hasSize(1);
  }

  @Test
  void deepYamlFlowAndBlockCollectionsAreParseErrors() {
    String flow = "pipeline:\n  inputs:\n    - name: dummy\n      x: " + "[".repeat(20_000);
    assertThatThrownBy(() -> ConfigDocument.parse("flow.yaml", flow, ConfigFormat.FLUENT_BIT_YAML))
        .isInstanceOfSatisfying(
            ConfigParseException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("nesting deeper than 64 levels");
              assertThat(e.location().file()).isEqualTo("flow.yaml");
              assertThat(e.location().line()).isEqualTo(4);
            });
    StringBuilder block = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      block.append("  ".repeat(i)).append("k").append(i).append(":\n");
    }
    assertThatThrownBy(
            () ->
                ConfigDocument.parse("block.yaml", block.toString(), ConfigFormat.FLUENT_BIT_YAML))
        .isInstanceOfSatisfying(
            ConfigParseException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("nesting deeper than 64 levels");
              assertThat(e.location().line()).isEqualTo(65);
            });
  }

  @Test
  void lintReportsDeepLabelsAsASyntaxFinding() throws IOException {
    MemorySource src = new MemorySource().put("/d/fluent.conf", labels(500));
    List<Finding> findings = linter().lint(new ConfigLoader(src).load(Path.of("/d/fluent.conf")));
    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.code()).isEqualTo("syntax");
              assertThat(f.message()).isEqualTo("nesting deeper than 64 levels");
              assertThat(f.location()).isEqualTo(Location.of("/d/fluent.conf", 65, 1));
            });
  }

  @Test
  void aLongClassicIncludeChainStopsAtSixtyFourFiles() throws IOException {
    MemorySource src = new MemorySource();
    for (int i = 0; i < 2000; i++) {
      src.put("/c/f" + i + ".conf", "@INCLUDE f" + (i + 1) + ".conf\n");
    }
    LoadedConfig c = new ConfigLoader(src).load(Path.of("/c/f0.conf"));
    assertThat(c.files()).hasSize(64);
    assertThat(c.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.code()).isEqualTo("include-depth");
              assertThat(f.message()).startsWith("includes nested deeper than 64 levels");
              assertThat(f.location()).isEqualTo(Location.of("/c/f63.conf", 1, 1));
            });
    assertThat(c.incomplete()).isTrue();
  }

  @Test
  void aLongFluentdIncludeChainStopsAtSixtyFourFiles() throws IOException {
    MemorySource src = new MemorySource();
    for (int i = 0; i < 2000; i++) {
      src.put("/d/f" + i + ".conf", "@include f" + (i + 1) + ".conf\n");
    }
    LoadedConfig c = new ConfigLoader(src).load(Path.of("/d/f0.conf"));
    assertThat(c.files()).hasSize(64);
    assertThat(c.findings()).extracting(Finding::code).containsExactly("include-depth");
  }

  private static Linter linter() throws IOException {
    var json = new dev.flotilla.fluentconfig.schema.SchemaJson();
    return new Linter(
        SchemaCatalog.bundled("fluent-bit", "5.1.1", json),
        SchemaCatalog.bundled("fluentd", SchemaCatalog.FLUENTD_VERSION, json),
        Profile.bundled("default", json.mapper()));
  }
}
