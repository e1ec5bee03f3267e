package dev.flotilla.supervisor.remoteconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.supervisor.remoteconfig.RemoteFileNames.Refused;
import dev.flotilla.supervisor.remoteconfig.RemoteFileNames.Targets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RemoteFileNamesTest {
  @TempDir Path root;
  private Path conf;
  private Path main;
  private AllowList everything;

  @BeforeEach
  void setUp() throws Exception {
    conf = Files.createDirectories(root.resolve("conf"));
    main = Files.writeString(conf.resolve("fluent-bit.conf"), "[SERVICE]\n");
    everything = new AllowList(conf, List.of("**"));
  }

  private RemoteFileNames.Mapping map(Set<String> known, String key) {
    return RemoteFileNames.map(
        main, known, everything, Map.of(key, "x".getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "..\\..\\..\\..\\..\\tmp\\x.conf",
        "../x.conf",
        "..",
        ".",
        "/etc/passwd",
        "C:x.conf",
        "C:\\Windows\\x.conf",
        "sub/x.conf",
        "x\u0000.conf",
        "x\n.conf",
        "\uff0e\uff0e\uff0fx.conf",
        "x.conf.",
        " x.conf",
        "a..b",
      })
  void namesThatAreNotPlainFileNamesAreRefused(String key) {
    assertThat(map(Set.of(), key))
        .isInstanceOfSatisfying(
            Refused.class, r -> assertThat(r.reason()).contains("refused").doesNotContain("\n"));
  }

  @Test
  void aVeryLongNameIsRefused() {
    assertThat(map(Set.of(), "a".repeat(256) + ".conf")).isInstanceOf(Refused.class);
  }

  @Test
  void theEmptyKeyIsTheMainFileAndAPlainNameLandsBesideIt() {
    var mapping =
        RemoteFileNames.map(
            main, Set.of(), everything, Map.of("", new byte[] {1}, "parsers.conf", new byte[] {2}));
    assertThat(mapping)
        .isInstanceOfSatisfying(
            Targets.class,
            t ->
                assertThat(t.files())
                    .containsOnlyKeys(main.toAbsolutePath(), conf.resolve("parsers.conf")));
  }

  @Test
  void aKeyTheSupervisorReportedNamesThatFileEvenInASubfolder() throws Exception {
    Files.createDirectories(conf.resolve("conf.d"));
    assertThat(map(Set.of("conf.d/inputs.conf"), "conf.d/inputs.conf"))
        .isInstanceOfSatisfying(
            Targets.class,
            t -> assertThat(t.files()).containsOnlyKeys(conf.resolve("conf.d/inputs.conf")));
  }

  @Test
  void aReportedKeyWithDotDotIsStillRefused() {
    assertThat(map(Set.of("../x.conf"), "../x.conf")).isInstanceOf(Refused.class);
  }

  @Test
  void theAllowListStillApplies() {
    var narrow = new AllowList(conf, List.of("*.conf"));
    assertThat(RemoteFileNames.map(main, Set.of(), narrow, Map.of("x.yaml", new byte[] {1})))
        .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.reason()).contains("allow-list"));
  }

  @Test
  void aSymlinkedFolderThatLeadsOutIsRefused() throws Exception {
    Path outside = Files.createDirectories(root.resolve("outside"));
    Files.createSymbolicLink(conf.resolve("linked"), outside);
    assertThat(map(Set.of("linked/x.conf"), "linked/x.conf"))
        .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.reason()).contains("leads out"));
  }

  @Test
  void aSymlinkedFileThatLeadsOutIsRefused() throws Exception {
    Path outside = Files.writeString(root.resolve("secret.conf"), "s");
    Files.createSymbolicLink(conf.resolve("x.conf"), outside);
    assertThat(map(Set.of(), "x.conf"))
        .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.reason()).contains("symlink"));
    assertThat(Files.readString(outside)).isEqualTo("s");
  }

  @Test
  void aSymlinkInsideTheFolderIsFollowed() throws Exception {
    Path real = Files.writeString(conf.resolve("real.conf"), "r");
    Files.createSymbolicLink(conf.resolve("alias.conf"), real);
    assertThat(map(Set.of(), "alias.conf")).isInstanceOf(Targets.class);
  }

  @Test
  void aFolderWhereAFileShouldBeIsRefused() throws Exception {
    Files.createDirectories(conf.resolve("x.conf"));
    assertThat(map(Set.of(), "x.conf"))
        .isInstanceOfSatisfying(
            Refused.class, r -> assertThat(r.reason()).contains("not a regular file"));
  }

  @Test
  void oneBadNameRefusesTheWholeMap() {
    var mapping =
        RemoteFileNames.map(
            main, Set.of(), everything, Map.of("", new byte[] {1}, "..\\x.conf", new byte[] {2}));
    assertThat(mapping).isInstanceOf(Refused.class);
  }

  @Test
  void printableEscapesControlCharacters() {
    assertThat(RemoteFileNames.printable("a\u0000b\nc")).isEqualTo("a\\u0000b\\u000ac");
  }
}
