package dev.flotilla.fluentconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.fluentconfig.lint.Linter;
import dev.flotilla.fluentconfig.lint.Profile;
import dev.flotilla.fluentconfig.load.FileSystemSource;
import dev.flotilla.fluentconfig.metadata.ConfigMetadata;
import dev.flotilla.fluentconfig.metadata.Metadata;
import dev.flotilla.fluentconfig.schema.SchemaCatalog;
import dev.flotilla.fluentconfig.tools.FindingsFormat;
import dev.flotilla.fluentconfig.tools.LintRun;
import java.io.IOException;
import org.junit.jupiter.api.Test;

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
}
