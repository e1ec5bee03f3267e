package dev.flotilla.supervisor.fluentbit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FluentBitConfigTest {

  @TempDir Path dir;

  @Test
  void classicFindsIncludesGlobsParsersAndTheHttpServer() throws Exception {
    Files.createDirectories(dir.resolve("conf.d"));
    Files.writeString(dir.resolve("conf.d/a.conf"), "[INPUT]\n    Name dummy\n");
    Files.writeString(dir.resolve("conf.d/b.conf"), "[OUTPUT]\n    Name null\n    Match *\n");
    Files.writeString(dir.resolve("parsers.conf"), "[PARSER]\n    Name json\n    Format json\n");
    Path main = dir.resolve("fluent-bit.conf");
    Files.writeString(
        main,
        """
        [SERVICE]
            HTTP_Server  On
            HTTP_Listen  0.0.0.0
            HTTP_Port    2099
            Parsers_File parsers.conf
            Hot_Reload   On
        @INCLUDE conf.d/*.conf
        """);
    var config = FluentBitConfig.read(main);
    assertThat(config.files())
        .containsExactly(
            main,
            dir.resolve("conf.d/a.conf"),
            dir.resolve("conf.d/b.conf"),
            dir.resolve("parsers.conf"));
    assertThat(config.monitoringBase(List.of()).toString()).isEqualTo("http://127.0.0.1:2099");
    assertThat(config.monitoringBase(List.of("-P", "3000")).getPort()).isEqualTo(3000);
    assertThat(config.flag("hot_reload", List.of())).isTrue();
  }

  @Test
  void yamlFollowsIncludesRelativeToTheIncludingFile() throws Exception {
    Files.createDirectories(dir.resolve("more"));
    Files.writeString(dir.resolve("more/inputs.yaml"), "includes:\n  - outputs.yaml\n");
    Files.writeString(
        dir.resolve("more/outputs.yaml"), "pipeline:\n  outputs:\n    - name: null\n");
    Files.writeString(dir.resolve("parsers.yaml"), "parsers:\n  - name: json\n    format: json\n");
    Path main = dir.resolve("fluent-bit.yaml");
    Files.writeString(
        main, "includes:\n  - more/inputs.yaml\nservice:\n  parsers_file: parsers.yaml\n");
    var config = FluentBitConfig.read(main);
    assertThat(config.files())
        .containsExactly(
            main,
            dir.resolve("more/inputs.yaml"),
            dir.resolve("more/outputs.yaml"),
            dir.resolve("parsers.yaml"));
    assertThat(config.monitoringBase(List.of())).isNull();
    assertThat(config.monitoringBase(List.of("-H")).toString()).isEqualTo("http://127.0.0.1:2020");
  }
}
