package dev.flotilla.fluentconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.fluentconfig.model.Section;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SectionEditTest {

  private static Map<String, String> props(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void classicAppendAndRemove() {
    String text = Corpus.read("classic/full.conf");
    ConfigDocument doc = ConfigDocument.parse("full.conf", text);
    ConfigDocument added = doc.withSection("output", "", props("Name", "null", "Match", "app.*"));
    assertThat(added.render())
        .startsWith(text)
        .endsWith("\n[OUTPUT]\n    Name  null\n    Match app.*\n");
    assertThat(added.tree().section("/pipeline/outputs/2").orElseThrow().value("match"))
        .contains("app.*");
    String grep = "[FILTER]\n    Name    grep\n    Match   app.*\n    Regex   level info\n";
    assertThat(text).contains(grep);
    assertThat(doc.withoutSection("/pipeline/filters/1").render())
        .isEqualTo(text.replace(grep, ""));
  }

  @Test
  void fluentdAppendAndRemove() {
    String text = Corpus.read("fluentd/full.conf");
    ConfigDocument doc = ConfigDocument.parse("fluent.conf", text);
    ConfigDocument added =
        doc.withSection("match", "audit.**", props("@type", "null", "@id", "out audit"));
    assertThat(added.render())
        .startsWith(text)
        .endsWith("\n<match audit.**>\n  @type null\n  @id out audit\n</match>\n");
    Section match = added.tree().section("/match/2").orElseThrow();
    assertThat(match.argument()).isEqualTo("audit.**");
    assertThat(match.value("@id")).contains("out audit");
    String monitor =
        text.substring(
            text.indexOf("<source>\n  @type monitor_agent"),
            text.indexOf("</source>", text.indexOf("@type monitor_agent"))
                + "</source>\n".length());
    assertThat(doc.withoutSection("/source/1").render()).isEqualTo(text.replace(monitor, ""));
  }

  @Test
  void yamlAddsToExistingListsAndCreatesMissingOnes() {
    String text = Corpus.read("yaml/full.yaml");
    ConfigDocument doc = ConfigDocument.parse("full.yaml", text);
    ConfigDocument added = doc.withSection("input", "", props("name", "cpu", "tag", "cpu.*"));
    assertThat(added.render())
        .isEqualTo(
            text.replace(
                "      multiline.parser: multiline-java\n",
                "      multiline.parser: multiline-java\n    - name: cpu\n      tag: 'cpu.*'\n"));
    assertThat(added.tree().sections("input")).hasSize(3);

    ConfigDocument removed = doc.withoutSection("/pipeline/filters/1");
    assertThat(removed.render())
        .isEqualTo(
            text.replace(
                "    - name: modify\n      match: '*'\n      add: k3 v3\n      add: k4 v4\n", ""));

    ConfigDocument bare = ConfigDocument.parse("b.yaml", "service:\n  flush: 1\n");
    ConfigDocument out = bare.withSection("output", "", props("name", "stdout", "match", "*"));
    assertThat(out.render())
        .isEqualTo(
            "service:\n  flush: 1\npipeline:\n  outputs:\n    - name: stdout\n      match: '*'\n");
    ConfigDocument in = out.withSection("input", "", props("name", "dummy"));
    assertThat(in.render()).endsWith("      match: '*'\n  inputs:\n    - name: dummy\n");
    ConfigDocument parser = in.withSection("parser", "", props("name", "p", "format", "json"));
    assertThat(parser.tree().section("/parsers/0").orElseThrow().value("format")).contains("json");
    assertThatThrownBy(() -> in.withSection("service", "", props("flush", "2")))
        .isInstanceOf(IllegalArgumentException.class);

    ConfigDocument flow =
        ConfigDocument.parse("f.yaml", Corpus.read("yaml/flow_and_env_list.yaml"));
    assertThatThrownBy(() -> flow.withSection("input", "", props("name", "cpu")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> flow.withoutSection("/pipeline/inputs/0"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
