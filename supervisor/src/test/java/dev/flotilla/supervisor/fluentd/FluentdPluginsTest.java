package dev.flotilla.supervisor.fluentd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.opamp.proto.AvailableComponents;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class FluentdPluginsTest {
  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void joinsBuiltInsRunningPluginsAndInstalledGems() {
    var running =
        json.readTree(
            """
            [{"plugin_id":"object:1","plugin_category":"input","type":"forward"},
             {"plugin_id":"es","plugin_category":"output","type":"elasticsearch"},
             {"plugin_id":"object:3","plugin_category":"filter","type":"concat"}]
            """);
    String gems =
        """
        fluent-plugin-elasticsearch (5.4.3)
        fluent-plugin-concat (2.5.0, 2.4.0)
        fluentd (1.16.11)
        """;
    AvailableComponents c = FluentdPlugins.toAvailableComponents(running, gems);

    assertThat(c.getComponentsMap()).containsKeys("inputs", "outputs", "filters", "gems");
    assertThat(c.getComponentsOrThrow("outputs").getSubComponentMapMap())
        .containsKeys("elasticsearch", "file", "forward");
    assertThat(c.getComponentsOrThrow("filters").getSubComponentMapMap()).containsKey("concat");
    var es =
        c.getComponentsOrThrow("gems").getSubComponentMapOrThrow("fluent-plugin-elasticsearch");
    assertThat(es.getMetadata(0).getValue().getStringValue()).isEqualTo("5.4.3");
    assertThat(c.getComponentsOrThrow("gems").getSubComponentMapMap()).doesNotContainKey("fluentd");
    assertThat(c.getHash().size()).isEqualTo(32);

    AvailableComponents same = FluentdPlugins.toAvailableComponents(running, gems);
    AvailableComponents fewer = FluentdPlugins.toAvailableComponents(json.readTree("[]"), "");
    assertThat(same.getHash()).isEqualTo(c.getHash());
    assertThat(fewer.getHash()).isNotEqualTo(c.getHash());
  }
}
