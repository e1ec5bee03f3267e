package dev.flotilla.cli.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.catalog.CatalogSettings;
import dev.flotilla.server.config.ServerConfig;
import dev.flotilla.server.config.ServerConfigFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The catalog's part of {@code flotilla server}: the {@code catalog:} section and its flags. */
class CatalogFlagsTest {
  @TempDir Path dir;

  @Test
  void yamlSectionAndFlagsAddSources() throws Exception {
    Path file = dir.resolve("server.yaml");
    Files.writeString(
        file,
        """
        catalog:
          folders:
            - dir: /srv/configs
              include: ["*.conf"]
              exclude: ["drafts/**"]
              refresh-seconds: 10
          git:
            - url: https://git.example.org/configs.git
              branch: main
              refresh-seconds: 0
          max-files: 100
        """);
    ServerConfig fromFile = ServerConfigFile.read(file, ServerConfig.defaults());
    CatalogSettings c = fromFile.catalog();
    assertThat(c.folders())
        .containsExactly(
            new CatalogSettings.Folder(
                Path.of("/srv/configs"),
                List.of("*.conf"),
                List.of("drafts/**"),
                Duration.ofSeconds(10)));
    assertThat(c.repositories())
        .containsExactly(
            new CatalogSettings.Repository(
                "https://git.example.org/configs.git",
                "main",
                List.of(),
                List.of(),
                Duration.ZERO));
    assertThat(c.limits().maxFiles()).isEqualTo(100);

    ServerCommand command = new ServerCommand();
    new CommandLine(command)
        .parseArgs("--catalog-dir", "/more", "--catalog-git", "/repo", "--catalog-branch", "prod");
    CatalogSettings both = command.applyFlags(fromFile).catalog();
    assertThat(both.folders()).hasSize(2);
    assertThat(both.repositories().get(1).branch()).isEqualTo("prod");
    assertThat(ServerConfig.defaults().catalog()).isNull();
  }

  @Test
  void badKeysNameTheKey() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "catalog:\n  folders:\n    - dir: /x\n      recursive: true\n");
    assertThatThrownBy(() -> ServerConfigFile.read(file, ServerConfig.defaults()))
        .hasMessageContaining("catalog.folders[].recursive");
  }
}
