package dev.flotilla.fluentconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.fluentconfig.metadata.ConfigMetadata;
import dev.flotilla.fluentconfig.metadata.MetadataHeader;
import dev.flotilla.fluentconfig.metadata.YamlExtensions;
import dev.flotilla.fluentconfig.yaml.YamlDocument;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataTest {

  @Test
  void readsHeaderInAllThreeFormats() {
    assertThat(MetadataHeader.read(Corpus.read("classic/full.conf")).values())
        .containsExactly(
            Map.entry("config_version", "7"),
            Map.entry("config_type", "fluent-bit-classic"),
            Map.entry("engine_version", "5.1.1"));
    assertThat(MetadataHeader.read(Corpus.read("yaml/full.yaml")).get("config_version"))
        .contains("12");
    assertThat(MetadataHeader.read(Corpus.read("fluentd/full.conf")).get("config_type"))
        .contains("fluentd");
  }

  @Test
  void writeReplacesOnlyTheHeader() {
    String text = Corpus.read("classic/full.conf");
    ConfigMetadata m =
        MetadataHeader.read(text).with("config_version", "8").with("source_revision", "abc123");
    String written = MetadataHeader.write(text, m);
    String body = text.substring(text.indexOf("#\n"));
    assertThat(written).endsWith(body);
    assertThat(written)
        .startsWith(
            "# config_version: 8\n# config_type: fluent-bit-classic\n# engine_version: 5.1.1\n# source_revision: abc123\n#\n");
    assertThat(MetadataHeader.read(written)).isEqualTo(m);
    String fresh =
        MetadataHeader.write(
            "[INPUT]\n    Name cpu\n", ConfigMetadata.empty().with("date", "2026-11-24"));
    assertThat(fresh).isEqualTo("# date: 2026-11-24\n[INPUT]\n    Name cpu\n");
  }

  @Test
  void readsLegacyConfigServiceLines() {
    String text =
        "# config-service: config_version=41\n# config-service: instance_id_template=edge-{{host}}\n[INPUT]\n    Name cpu\n";
    ConfigMetadata m = MetadataHeader.read(text);
    assertThat(m.get("config_version")).contains("41");
    assertThat(m.get("instance_id_template")).contains("edge-{{host}}");
  }

  @Test
  void yamlExtensionsReadAndWrite() {
    YamlDocument full = YamlDocument.parse("f.yaml", Corpus.read("yaml/full.yaml"));
    assertThat(YamlExtensions.read(full.tree()).get("config_version")).contains("12");
    YamlDocument updated =
        YamlExtensions.write(
            full, ConfigMetadata.empty().with("config_version", "13").with("date", "2026-11-24"));
    assertThat(YamlExtensions.read(updated.tree()).values())
        .containsEntry("config_version", "13")
        .containsEntry("date", "2026-11-24");
    assertThat(updated.render()).startsWith(Corpus.read("yaml/full.yaml").substring(0, 1000));

    YamlDocument bare = YamlDocument.parse("b.yaml", "service:\n  flush: 1\n");
    YamlDocument added =
        YamlExtensions.write(bare, ConfigMetadata.empty().with("config_version", "1"));
    assertThat(added.render())
        .isEqualTo("service:\n  flush: 1\nextensions:\n  flotilla:\n    config_version: 1\n");

    YamlDocument other =
        YamlDocument.parse("o.yaml", "extensions:\n  deployment:\n    owner: me\n");
    assertThat(
            YamlExtensions.write(other, ConfigMetadata.empty().with("config_version", "2"))
                .render())
        .isEqualTo(
            "extensions:\n  deployment:\n    owner: me\n  flotilla:\n    config_version: 2\n");
  }
}
