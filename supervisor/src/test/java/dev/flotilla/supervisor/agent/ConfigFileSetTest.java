package dev.flotilla.supervisor.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileSetTest {
  @TempDir Path root;

  @Test
  void onlyFilesPhysicallyInsideTheConfigFolderAreReported() throws Exception {
    Path conf = Files.createDirectories(root.resolve("conf"));
    Path main = Files.writeString(conf.resolve("fluent-bit.conf"), "@INCLUDE /outside\n");
    Path inside = Files.writeString(conf.resolve("inputs.conf"), "[INPUT]\n");
    Path outside = Files.writeString(root.resolve("secret.conf"), "password 1234\n");
    Path linkOut = Files.createSymbolicLink(conf.resolve("linked.conf"), outside);
    Path outsideDir = Files.createDirectories(root.resolve("elsewhere"));
    Files.writeString(outsideDir.resolve("more.conf"), "x");
    Files.createSymbolicLink(conf.resolve("dir"), outsideDir);

    var effective =
        ConfigFileSet.read(
            main, List.of(main, inside, outside, linkOut, conf.resolve("dir/more.conf")));

    assertThat(effective.getConfigMap().getConfigMapMap())
        .containsOnlyKeys("fluent-bit.conf", "inputs.conf");
    assertThat(effective.toString()).doesNotContain("1234");
  }
}
