package dev.flotilla.fluentconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.fluentconfig.classic.ClassicDocument;
import dev.flotilla.fluentconfig.convert.ClassicToYaml;
import dev.flotilla.fluentconfig.convert.Conversion;
import dev.flotilla.fluentconfig.convert.YamlToClassic;
import dev.flotilla.fluentconfig.model.ConfigTree;
import dev.flotilla.fluentconfig.model.Section;
import dev.flotilla.fluentconfig.yaml.YamlDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversionTest {

  @Test
  void classicToYamlKeepsEverySectionAndComment() {
    ClassicDocument classic = ClassicDocument.parse("full.conf", Corpus.read("classic/full.conf"));
    Conversion c = new ClassicToYaml().convert(classic);
    YamlDocument yaml = YamlDocument.parse("full.yaml", c.text());
    ConfigTree t = yaml.tree();
    assertThat(c.text()).startsWith("# config_version: 7\n");
    assertThat(t.variables()).extracting(p -> p.key()).containsExactly("OUT_DIR", "env");
    assertThat(t.includes()).extracting(i -> i.pattern()).containsExactly("inputs/*.conf");
    assertThat(t.sections("input")).hasSize(2);
    assertThat(t.sections("filter")).hasSize(3);
    assertThat(t.sections("output")).hasSize(2);
    assertThat(t.sections("custom")).hasSize(1);
    Section http = t.section("/pipeline/outputs/1").orElseThrow();
    assertThat(http.all("header"))
        .extracting(p -> p.value())
        .containsExactly("X-Team platform", "X-Env prod");
    assertThat(t.section("/pipeline/inputs/1").orElseThrow().value("dummy"))
        .contains("{\"message\":\"hello # not a comment\",\"level\":\"info\"}");
    assertThat(c.report()).extracting(Finding::code).containsExactly("include-kept");
  }

  @Test
  void parsersUpstreamsAndGroups() {
    Conversion parsers =
        new ClassicToYaml()
            .convert(ClassicDocument.parse("p.conf", Corpus.read("classic/parsers.conf")));
    ConfigTree t = YamlDocument.parse("p.yaml", parsers.text()).tree();
    Section ml = t.section("/multiline_parsers/0").orElseThrow();
    assertThat(ml.children()).hasSize(2);
    assertThat(ml.children().get(0).value("regex")).contains("/^\\d{4}-\\d{2}-\\d{2}.*/");
    assertThat(parsers.text()).contains("# rules |   state name");
    Conversion up =
        new ClassicToYaml()
            .convert(ClassicDocument.parse("u.conf", Corpus.read("classic/upstream.conf")));
    assertThat(
            YamlDocument.parse("u.yaml", up.text())
                .tree()
                .section("/upstream_servers/0")
                .orElseThrow()
                .children())
        .hasSize(2);
    Conversion groups =
        new ClassicToYaml()
            .convert(
                ClassicDocument.parse("g.conf", Corpus.read("classic/groups_and_plugins.conf")));
    assertThat(groups.report())
        .extracting(Finding::code)
        .containsExactly("not-convertible", "not-convertible");
    assertThat(YamlDocument.parse("g.yaml", groups.text()).tree().sections("plugins")).hasSize(1);
  }

  @Test
  void yamlToClassicReportsWhatItCannotCarry() {
    YamlDocument yaml = YamlDocument.parse("full.yaml", Corpus.read("yaml/full.yaml"));
    Conversion c = new YamlToClassic().convert(yaml);
    ClassicDocument classic = ClassicDocument.parse("full.conf", c.text());
    ConfigTree t = classic.tree();
    assertThat(t.sections("input")).hasSize(2);
    assertThat(t.sections("filter")).hasSize(3);
    assertThat(t.section("/pipeline/filters/0").orElseThrow().all("add")).hasSize(2);
    assertThat(c.extraFiles()).containsKeys("parsers.conf", "upstream-forward-balancing.conf");
    ClassicDocument parsers =
        ClassicDocument.parse("parsers.conf", c.extraFiles().get("parsers.conf"));
    assertThat(parsers.tree().section("/multiline_parsers/0").orElseThrow().all("rule")).hasSize(2);
    assertThat(c.report())
        .extracting(Finding::code)
        .contains("not-convertible", "moved-to-file", "include-kept");
    List<String> messages = c.report().stream().map(Finding::message).toList();
    assertThat(messages).anyMatch(m -> m.contains("classic has no processors"));
    assertThat(messages).anyMatch(m -> m.contains("'telemetry'"));
    assertThat(messages).anyMatch(m -> m.contains("'extensions'"));
  }

  @Test
  void roundTripThroughBothConversionsKeepsThePipeline() {
    ClassicDocument classic =
        ClassicDocument.parse("tabs.conf", Corpus.read("classic/tabs_crlf.conf"));
    Conversion toYaml = new ClassicToYaml().convert(classic);
    Conversion back = new YamlToClassic().convert(YamlDocument.parse("t.yaml", toYaml.text()));
    ConfigTree again = ClassicDocument.parse("t.conf", back.text()).tree();
    assertThat(again.section("/pipeline/inputs/0").orElseThrow().value("interval_sec"))
        .contains("1");
    assertThat(again.section("/service").orElseThrow().value("log_level")).contains("debug");
  }
}
