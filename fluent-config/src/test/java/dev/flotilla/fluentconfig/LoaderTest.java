package dev.flotilla.fluentconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.flotilla.fluentconfig.load.ConfigLoader;
import dev.flotilla.fluentconfig.load.ConfigSource;
import dev.flotilla.fluentconfig.load.FileSystemSource;
import dev.flotilla.fluentconfig.load.LoadedConfig;
import dev.flotilla.fluentconfig.load.LoadedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoaderTest {

  private static LoadedConfig load(MemorySource src, String main) throws IOException {
    return new ConfigLoader(src).load(Path.of(main));
  }

  private static String names(LoadedConfig c) {
    return String.join(
        ",", c.files().stream().map(f -> f.path().getFileName() + ":" + f.role()).toList());
  }

  @Test
  void classicIncludesResolveAgainstTheMainDirectoryAndMayNotRepeat() throws IOException {
    MemorySource src =
        new MemorySource()
            .put(
                "/c/main.conf",
                "[SERVICE]\n    Parsers_File parsers.conf\n@INCLUDE sub/a.conf\n@INCLUDE sub/*.conf\n")
            .put("/c/sub/a.conf", "@INCLUDE sub/b.conf\n")
            .put("/c/sub/b.conf", "[OUTPUT]\n    Name forward\n    Match *\n    Upstream up.conf\n")
            .put(
                "/c/up.conf",
                "[UPSTREAM]\n    name u\n[NODE]\n    name n\n    host h\n    port 1\n")
            .put("/c/parsers.conf", "[PARSER]\n    Name p\n    Format json\n");
    LoadedConfig c = load(src, "/c/main.conf");
    assertThat(names(c))
        .isEqualTo(
            "main.conf:MAIN,a.conf:INCLUDE,b.conf:INCLUDE,up.conf:UPSTREAM,parsers.conf:PARSERS");
    assertThat(c.findings())
        .extracting(Finding::code)
        .containsExactly("duplicate-include", "duplicate-include");
    assertThat(c.incomplete()).isFalse();
  }

  @Test
  void yamlIncludesResolveAgainstTheIncludingFileAndCyclesAreFound() throws IOException {
    MemorySource src =
        new MemorySource()
            .put("/y/main.yaml", "includes:\n  - conf/a.yaml\n")
            .put("/y/conf/a.yaml", "includes:\n  - b.yaml\n")
            .put("/y/conf/b.yaml", "includes:\n  - ../main.yaml\n  - missing.yaml\n");
    LoadedConfig c = load(src, "/y/main.yaml");
    assertThat(names(c)).isEqualTo("main.yaml:MAIN,a.yaml:INCLUDE,b.yaml:INCLUDE");
    assertThat(c.findings())
        .extracting(Finding::code)
        .containsExactly("include-cycle", "missing-include");
    assertThat(c.findings().get(0).message())
        .contains("main.yaml -> a.yaml -> b.yaml -> main.yaml");
    assertThat(c.findings().get(1).location()).isEqualTo(Location.of("/y/conf/b.yaml", 3, 5));
    assertThat(c.incomplete()).isTrue();
  }

  @Test
  void fluentdGlobsAreSortedAndSyntaxErrorsBecomeFindings() throws IOException {
    MemorySource src =
        new MemorySource()
            .put("/d/fluent.conf", "@include conf.d/*.conf\n")
            .put("/d/conf.d/20-b.conf", "<match **>\n  @type null\n</match>\n")
            .put("/d/conf.d/10-a.conf", "<source>\n  @type sample\n  tag a\n</source>\n")
            .put("/d/conf.d/30-broken.conf", "<source>\n  @type sample\n");
    LoadedConfig c = load(src, "/d/fluent.conf");
    assertThat(c.files())
        .extracting(LoadedFile::path)
        .extracting(p -> p.getFileName().toString())
        .containsExactly("fluent.conf", "10-a.conf", "20-b.conf");
    assertThat(c.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.code()).isEqualTo("syntax");
              assertThat(f.location()).isEqualTo(Location.of("/d/conf.d/30-broken.conf", 3, 1));
            });
  }

  @Test
  void aNulInAnIncludePathIsAFindingNamingTheLine(@TempDir Path dir) throws IOException {
    String main =
        "[SERVICE]\n    Parsers_File p\0.conf\n@INCLUDE a\0b.conf\n[INPUT]\n    Name cpu\n";
    Files.writeString(dir.resolve("main.conf"), main);
    for (ConfigSource src :
        List.of(new FileSystemSource(), new MemorySource().put(dir + "/main.conf", main))) {
      LoadedConfig c = new ConfigLoader(src).load(dir.resolve("main.conf"));
      assertThat(c.findings())
          .extracting(Finding::code, f -> f.location().line())
          .containsExactlyInAnyOrder(tuple("invalid-include", 2), tuple("invalid-include", 3));
      assertThat(c.findings().get(0).message()).contains("\\0").doesNotContain("\0");
      assertThat(c.incomplete()).isTrue();
    }
  }

  @Test
  void anIncludeGlobWithAnUnclosedBracketOrBraceIsAFinding(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("conf.d"));
    Files.writeString(dir.resolve("conf.d/a.conf"), "<source>\n  @type sample\n</source>\n");
    Files.writeString(
        dir.resolve("fluent.conf"), "@include conf.d/*.{conf\n@include conf.d/[a.conf\n");
    LoadedConfig c = new ConfigLoader(new FileSystemSource()).load(dir.resolve("fluent.conf"));
    assertThat(c.findings())
        .extracting(Finding::code, f -> f.location().line())
        .containsExactly(tuple("invalid-include", 1), tuple("invalid-include", 2));
    assertThat(c.findings().get(0).message()).startsWith("cannot read 'conf.d/*.{conf' as a path");
  }

  @Test
  void aYamlIncludeWithANulIsAFinding() throws IOException {
    MemorySource src = new MemorySource().put("/y/main.yaml", "includes:\n  - \"a\\0.yaml\"\n");
    LoadedConfig c = load(src, "/y/main.yaml");
    assertThat(c.findings())
        .singleElement()
        .satisfies(f -> assertThat(f.location()).isEqualTo(Location.of("/y/main.yaml", 2, 5)))
        .extracting(Finding::code)
        .isEqualTo("invalid-include");
  }
}
