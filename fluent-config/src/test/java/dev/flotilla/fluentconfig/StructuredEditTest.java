package dev.flotilla.fluentconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.fluentconfig.model.Section;
import org.junit.jupiter.api.Test;

class StructuredEditTest {

  @Test
  void classicEditChangesOnlyTheValue() {
    String text = Corpus.read("classic/full.conf");
    ConfigDocument doc = ConfigDocument.parse("full.conf", text);
    ConfigDocument edited = doc.withValue("/pipeline/outputs/0", "path", "/srv/out");
    assertThat(edited.render())
        .isEqualTo(text.replace("    Path   ${OUT_DIR}\n", "    Path   /srv/out\n"));
    Section out = edited.tree().section("/pipeline/outputs/0").orElseThrow();
    assertThat(out.value("Path")).contains("/srv/out");
  }

  @Test
  void classicAddAndRemoveKeepOtherLines() {
    String text = "[SERVICE]\n    Flush 1\n\n[INPUT]\n    Name cpu\n";
    ConfigDocument doc = ConfigDocument.parse("a.conf", text);
    ConfigDocument added = doc.withValue("/service", "Hot_Reload", "On");
    assertThat(added.render())
        .isEqualTo("[SERVICE]\n    Flush 1\n    Hot_Reload On\n\n[INPUT]\n    Name cpu\n");
    assertThat(added.withoutKey("/service", "hot_reload").render()).isEqualTo(text);
  }

  @Test
  void classicTreeHasIncludesVariablesRepeatedKeysAndNodes() {
    var tree = ConfigDocument.parse("full.conf", Corpus.read("classic/full.conf")).tree();
    assertThat(tree.includes()).extracting(i -> i.pattern()).containsExactly("inputs/*.conf");
    assertThat(tree.variables()).extracting(v -> v.key()).containsExactly("OUT_DIR", "env");
    Section modify = tree.section("/pipeline/filters/0").orElseThrow();
    assertThat(modify.all("add")).hasSize(2);
    var upstream = ConfigDocument.parse("u.conf", Corpus.read("classic/upstream.conf")).tree();
    assertThat(upstream.section("/upstream_servers/0/nodes/1").orElseThrow().value("port"))
        .contains("44000");
  }

  @Test
  void yamlEditSplicesAndKeepsComments() {
    String text = Corpus.read("yaml/full.yaml");
    ConfigDocument doc = ConfigDocument.parse("full.yaml", text);
    ConfigDocument edited = doc.withValue("/service", "log_level", "debug");
    assertThat(edited.render())
        .isEqualTo(text.replace("  log_level: info\n", "  log_level: debug\n"));
    ConfigDocument added = doc.withValue("/pipeline/outputs/0", "mkdir", "true");
    assertThat(added.render())
        .isEqualTo(
            text.replace("      file: app.log\n", "      file: app.log\n      mkdir: true\n"));
    assertThat(added.withoutKey("/pipeline/outputs/0", "mkdir").render()).isEqualTo(text);
    ConfigDocument quoted = doc.withValue("/pipeline/filters/2", "regex", "level: # odd");
    assertThat(quoted.tree().section("/pipeline/filters/2").orElseThrow().value("regex"))
        .contains("level: # odd");
  }

  @Test
  void yamlTreeHasProcessorsRulesNodesAndLists() {
    var tree = ConfigDocument.parse("full.yaml", Corpus.read("yaml/full.yaml")).tree();
    Section dummy = tree.section("/pipeline/inputs/0").orElseThrow();
    assertThat(dummy.children()).extracting(Section::argument).containsExactly("logs", "metrics");
    assertThat(tree.section("/pipeline/filters/0").orElseThrow().all("add")).hasSize(2);
    assertThat(tree.section("/pipeline/filters/1").orElseThrow().all("add")).hasSize(2);
    assertThat(tree.section("/multiline_parsers/0").orElseThrow().children()).hasSize(2);
    assertThat(tree.section("/upstream_servers/0").orElseThrow().children()).hasSize(2);
    assertThat(tree.sections("extensions")).hasSize(1);
  }

  @Test
  void yamlFlowMappingEdit() {
    String text = Corpus.read("yaml/flow_and_env_list.yaml");
    ConfigDocument doc = ConfigDocument.parse("f.yaml", text);
    ConfigDocument edited = doc.withValue("/service", "grace", "10");
    assertThat(edited.tree().section("/service").orElseThrow().value("grace")).contains("10");
    assertThat(edited.render()).contains("hot_reload: on, grace: 10}");
  }

  @Test
  void fluentdEditAndTree() {
    String text = Corpus.read("fluentd/full.conf");
    ConfigDocument doc = ConfigDocument.parse("fluent.conf", text);
    var tree = doc.tree();
    Section buffer = tree.section("/label/0/match/0/store/0/buffer/0").orElseThrow();
    assertThat(buffer.argument()).isEqualTo("tag,time");
    assertThat(buffer.value("timekey")).contains("1h");
    Section record = tree.section("/filter/0/record/0").orElseThrow();
    assertThat(record.value("tags")).contains("[\"a\", \"b\",\n          \"c\"]");
    assertThat(tree.section("/source/2").orElseThrow().value("path"))
        .contains("/var/log/app/*.log");
    assertThat(tree.section("/match/1").orElseThrow().value("empty_value")).contains("");
    ConfigDocument edited = doc.withValue("/source/0", "port", "24225");
    assertThat(edited.render())
        .isEqualTo(text.replace("  port 24224\n  bind 0.0.0.0", "  port 24225\n  bind 0.0.0.0"));
    ConfigDocument added = doc.withValue("/source/0", "tag", "with space # hash");
    assertThat(added.tree().section("/source/0").orElseThrow().value("tag"))
        .contains("with space # hash");
    assertThat(added.withoutKey("/source/0", "tag").render()).isEqualTo(text);
  }
}
