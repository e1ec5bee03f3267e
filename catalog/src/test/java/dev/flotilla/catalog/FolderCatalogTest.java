package dev.flotilla.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class FolderCatalogTest {
  static final String EDGE =
      """
      # config_version: 7
      # description: Edge collectors
      # owner: platform-team
      # tags: edge, prod
      [SERVICE]
          Flush        1
          HTTP_Server  On
          Hot_Reload   On
          Parsers_File parsers.conf

      @INCLUDE inputs/*.conf

      [OUTPUT]
          Name  stdout
          Match *
      """;

  @TempDir Path dir;
  @TempDir Path outside;

  private Catalog catalog(CatalogSettings.Folder folder) {
    Catalog c =
        Catalog.of(
            CatalogSettings.of(List.of(folder), List.of()),
            dir.resolve(".cache"),
            JsonMapper.builder().build(),
            Clock.systemUTC());
    c.refresh();
    return c;
  }

  private void write(String rel, String text) throws Exception {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @Test
  void bundlesIncludesAndReadsMetadata() throws Exception {
    write("edge.conf", EDGE);
    write("parsers.conf", "[PARSER]\n    Name   json\n    Format json\n");
    write("inputs/cpu.conf", "[INPUT]\n    Name cpu\n    Tag  cpu.local\n");
    Catalog c = catalog(new CatalogSettings.Folder(dir));

    assertThat(c.entries()).extracting(CatalogEntry::path).containsExactly("edge.conf");
    CatalogEntry e = c.entries().get(0);
    assertThat(e.engine()).isEqualTo("fluent-bit");
    assertThat(e.format()).isEqualTo("fluent-bit-classic");
    assertThat(e.configVersion()).isEqualTo("7");
    assertThat(e.description()).isEqualTo("Edge collectors");
    assertThat(e.owner()).isEqualTo("platform-team");
    assertThat(e.tags()).containsExactly("edge", "prod");
    assertThat(e.files())
        .extracting(CatalogEntry.BundleFile::name, CatalogEntry.BundleFile::role)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("edge.conf", "main"),
            org.assertj.core.groups.Tuple.tuple("parsers.conf", "parsers"),
            org.assertj.core.groups.Tuple.tuple("inputs/cpu.conf", "include"));
    assertThat(e.lint().state()).as(e.lint().findings().toString()).isEqualTo("ok");
    assertThat(e.lastChange()).isNotNull();
    assertThat(e.size()).isEqualTo(EDGE.getBytes(StandardCharsets.UTF_8).length);

    Bundle b = c.bundle(e.id()).orElseThrow();
    assertThat(b.main()).isEqualTo("edge.conf");
    assertThat(b.files().keySet()).first().isEqualTo("edge.conf");
    assertThat(b.files())
        .containsEntry("inputs/cpu.conf", "[INPUT]\n    Name cpu\n    Tag  cpu.local\n");
  }

  @Test
  void globsChooseCandidatesAndLintStatesFilter() throws Exception {
    write(
        "prod/good.yaml",
        "pipeline:\n  inputs:\n    - name: cpu\n      tag: cpu\n  outputs:\n    - name: stdout\n      match: '*'\n");
    write("prod/broken.conf", "[OUTPUT]\n    Name  no_such_output\n    Match *\n");
    write(
        "fluentd/td.conf",
        "<source>\n  @type forward\n</source>\n<match **>\n  @type stdout\n</match>\n");
    write("drafts/skip.conf", "[INPUT]\n    Name cpu\n");
    write("notes.txt", "not a config");
    Catalog c =
        catalog(
            new CatalogSettings.Folder(
                dir, List.of("*.conf", "*.yaml"), List.of("drafts/**"), Duration.ZERO));

    assertThat(c.entries())
        .extracting(CatalogEntry::path)
        .containsExactly("fluentd/td.conf", "prod/broken.conf", "prod/good.yaml");
    assertThat(c.find(new CatalogQuery(null, "fluentd", null, null)))
        .extracting(CatalogEntry::path)
        .containsExactly("fluentd/td.conf");
    assertThat(c.find(new CatalogQuery(null, null, null, "errors")))
        .extracting(CatalogEntry::path)
        .containsExactly("prod/broken.conf");
    assertThat(c.find(new CatalogQuery("good", null, null, null)))
        .singleElement()
        .satisfies(e -> assertThat(e.format()).isEqualTo("fluent-bit-yaml"));
    CatalogEntry broken = c.find(new CatalogQuery("broken", null, null, null)).get(0);
    assertThat(broken.lint().errors()).isPositive();
    assertThat(broken.lint().findings())
        .anySatisfy(f -> assertThat(f.file()).isEqualTo("broken.conf"));
  }

  @Test
  void refusesLinksOutOfTheSourceAndReportsUnreadableFiles() throws Exception {
    Path secret = outside.resolve("secret.conf");
    Files.writeString(secret, "[INPUT]\n    Name secret_input\n");
    Files.createSymbolicLink(dir.resolve("escape.conf"), secret);
    write(
        "main.conf",
        "@INCLUDE escape.conf\n@INCLUDE /etc/passwd\n[OUTPUT]\n    Name stdout\n    Match *\n");
    Files.write(dir.resolve("latin1.conf"), new byte[] {'#', ' ', (byte) 0xE9, '\n'});
    Catalog c = catalog(new CatalogSettings.Folder(dir));

    CatalogEntry main = c.find(new CatalogQuery("main.conf", null, null, null)).get(0);
    assertThat(main.files()).extracting(CatalogEntry.BundleFile::name).containsExactly("main.conf");
    assertThat(main.lint().findings())
        .filteredOn(f -> f.code().equals("missing-include"))
        .hasSize(2);
    assertThat(c.bundle(main.id()).orElseThrow().files().values())
        .noneMatch(t -> t.contains("secret_input"));
    CatalogEntry escape = c.find(new CatalogQuery("escape", null, null, null)).get(0);
    assertThat(escape.error()).contains("outside");
    CatalogEntry latin = c.find(new CatalogQuery("latin1", null, null, null)).get(0);
    assertThat(latin.error()).contains("UTF-8");
    assertThat(latin.lint().state()).isEqualTo("errors");
  }

  @Test
  void yamlIncludesAndFluentdIncludesAreBundled() throws Exception {
    write(
        "yaml/main.yaml",
        "includes:\n  - outputs.yaml\npipeline:\n  inputs:\n    - name: cpu\n      tag: cpu\n");
    write("yaml/outputs.yaml", "pipeline:\n  outputs:\n    - name: stdout\n      match: '*'\n");
    write("td/fluent.conf", "@include conf.d/*.conf\n<source>\n  @type forward\n</source>\n");
    write("td/conf.d/out.conf", "<match **>\n  @type stdout\n</match>\n");
    Catalog c = catalog(new CatalogSettings.Folder(dir));

    assertThat(c.entries())
        .extracting(CatalogEntry::path)
        .containsExactly("td/fluent.conf", "yaml/main.yaml");
    assertThat(c.entries().get(0).files())
        .extracting(CatalogEntry.BundleFile::name)
        .containsExactly("fluent.conf", "conf.d/out.conf");
    assertThat(c.entries().get(0).engine()).isEqualTo("fluentd");
    assertThat(c.entries().get(1).files())
        .extracting(CatalogEntry.BundleFile::name)
        .containsExactly("main.yaml", "outputs.yaml");
  }

  @Test
  void anIncludeCycleKeepsItsFilesAsEntriesWithTheError() throws Exception {
    write("a.conf", "@INCLUDE b.conf\n[INPUT]\n    Name cpu\n");
    write("b.conf", "@INCLUDE a.conf\n[OUTPUT]\n    Name stdout\n    Match *\n");
    Catalog c = catalog(new CatalogSettings.Folder(dir));
    assertThat(c.entries()).extracting(CatalogEntry::path).containsExactly("a.conf", "b.conf");
    assertThat(c.entries().get(0).lint().findings())
        .anySatisfy(f -> assertThat(f.code()).isEqualTo("include-cycle"));
  }

  @Test
  void capsFileSize() throws Exception {
    write("big.conf", "# " + "x".repeat(2000) + "\n");
    Catalog c =
        new Catalog(
            CatalogSettings.of(List.of(new CatalogSettings.Folder(dir)), List.of()).sources(dir),
            new dev.flotilla.catalog.source.Limits(1000, 10),
            dev.flotilla.catalog.scan.Linting.bundled(JsonMapper.builder().build()),
            Clock.systemUTC());
    c.refresh();
    assertThat(c.entries()).singleElement().satisfies(e -> assertThat(e.error()).contains("cap"));
  }
}
