package dev.flotilla.fluentconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.flotilla.fluentconfig.lint.Linter;
import dev.flotilla.fluentconfig.lint.Profile;
import dev.flotilla.fluentconfig.load.FileSystemSource;
import dev.flotilla.fluentconfig.metadata.ConfigMetadata;
import dev.flotilla.fluentconfig.metadata.Metadata;
import dev.flotilla.fluentconfig.schema.SchemaCatalog;
import dev.flotilla.fluentconfig.tools.FindingsFormat;
import dev.flotilla.fluentconfig.tools.LintRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolsTest {

  @Test
  void lintsADirectoryByItsMainFiles() throws IOException {
    Linter linter =
        new Linter(
            SchemaCatalog.bundled("fluent-bit", "5.1.1", BundledSchemaTest.JSON),
            SchemaCatalog.bundled("fluentd", "1", BundledSchemaTest.JSON),
            Profile.bundled("default", BundledSchemaTest.JSON.mapper()));
    LintRun.Report report =
        new LintRun(new FileSystemSource(), linter).lint(Corpus.path("classic"));
    assertThat(report.mains())
        .extracting(p -> p.getFileName().toString())
        .containsExactly(
            "bom_no_newline.conf",
            "full.conf",
            "groups_and_plugins.conf",
            "tabs_crlf.conf",
            "upstream.conf");
    assertThat(report.hasErrors()).isTrue();
    String text = FindingsFormat.text(report.findings());
    assertThat(text)
        .contains("error [undefined-parser] parser 'syslog-rfc5424' is not defined")
        .endsWith("warning(s)\n");
    String json = FindingsFormat.json(report.findings(), BundledSchemaTest.JSON.mapper());
    assertThat(json).contains("\"code\" : \"undefined-parser\"");
  }

  @Test
  void metadataFacadeUsesHeaderAndExtensions() {
    ConfigDocument yaml = ConfigDocument.parse("full.yaml", Corpus.read("yaml/full.yaml"));
    assertThat(Metadata.read(yaml).get("config_type")).contains("fluent-bit-yaml");
    String written =
        Metadata.write(yaml, ConfigMetadata.empty().with("config_version", "99"), true);
    ConfigDocument again = ConfigDocument.parse("full.yaml", written);
    assertThat(Metadata.read(again).get("config_version")).contains("99");
    assertThat(written).startsWith("# config_version: 99\n# config_type: fluent-bit-yaml\n");
    assertThat(written).contains("  flotilla:\n    config_version: 99\n");
  }

  @Test
  void aNonUtf8FileInADirectoryIsAnErrorNamingItAndTheOthersAreStillLinted(@TempDir Path dir)
      throws IOException {
    byte[] latin1 =
        "[INPUT]\n    Name dummy\n    Tag caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    Files.write(dir.resolve("a-latin1.conf"), latin1);
    Files.writeString(dir.resolve("b.conf"), "[INPUT]\n    Name nosuchplugin\n");
    Files.writeString(dir.resolve("c.conf"), "@INCLUDE a-latin1.conf\n[INPUT]\n    Name cpu\n");
    LintRun.Report report = new LintRun(new FileSystemSource(), linter()).lint(dir);
    assertThat(report.hasErrors()).isTrue();
    assertThat(report.findings())
        .filteredOn(f -> f.code().equals("not-utf8"))
        .extracting(f -> f.location().file(), f -> f.location().line())
        .containsExactlyInAnyOrder(
            tuple(dir.resolve("a-latin1.conf").toString(), 1),
            tuple(dir.resolve("c.conf").toString(), 1));
    assertThat(report.findings())
        .filteredOn(f -> f.code().equals("not-utf8"))
        .allSatisfy(f -> assertThat(f.message()).contains("a-latin1.conf is not UTF-8 text"));
    assertThat(report.findings())
        .extracting(f -> Path.of(f.location().file()).getFileName().toString())
        .contains("b.conf");
  }

  @Test
  void aNonUtf8MainFileIsAFindingNotAnException(@TempDir Path dir) throws IOException {
    Path file = Files.write(dir.resolve("fluent.conf"), new byte[] {'<', 's', (byte) 0xff, '>'});
    LintRun.Report report = new LintRun(new FileSystemSource(), linter()).lint(file);
    assertThat(report.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.code()).isEqualTo("not-utf8");
              assertThat(f.location()).isEqualTo(Location.of(file.toString(), 1, 0));
            });
  }

  private static Linter linter() throws IOException {
    return new Linter(
        SchemaCatalog.bundled("fluent-bit", "5.1.1", BundledSchemaTest.JSON),
        SchemaCatalog.bundled("fluentd", "1", BundledSchemaTest.JSON),
        Profile.bundled("default", BundledSchemaTest.JSON.mapper()));
  }
}
