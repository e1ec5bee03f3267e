package dev.flotilla.fluentconfig;

import static dev.flotilla.fluentconfig.ClassicMoveTest.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.fluentconfig.model.Section;
import org.junit.jupiter.api.Test;

class YamlMoveTest {
  private static final String METRICS =
      "        metrics:\n          - name: labels\n            insert: env prod\n";

  @Test
  void reordersAListAndBack() {
    String text = Corpus.read("yaml/full.yaml");
    ConfigDocument doc = ConfigDocument.parse("full.yaml", text);
    String file = ClassicMoveTest.block(text, "    - name: file\n", "file: app.log\n");
    String forward = ClassicMoveTest.block(text, "    - name: forward\n", "retry_limit: false\n");
    ConfigDocument moved = doc.withSectionMoved("/pipeline/outputs/1", "", 0);
    assertThat(moved.render()).isEqualTo(text.replace(file + forward, forward + file));
    assertThat(moved.withSectionMoved("/pipeline/outputs/0", "", 1).render()).isEqualTo(text);
    ConfigDocument rules =
        doc.withSectionMoved("/multiline_parsers/0/rules/1", "/multiline_parsers/0", 0);
    assertThat(rules.tree().section("/multiline_parsers/0/rules/0").orElseThrow().value("state"))
        .contains("cont");
  }

  @Test
  void movesAProcessorToAnOutputCreatingItsKeysAndBack() {
    String text = Corpus.read("yaml/full.yaml");
    ConfigDocument doc = ConfigDocument.parse("full.yaml", text);
    ConfigDocument moved =
        doc.withSectionMoved("/pipeline/inputs/0/processors/metrics/0", "/pipeline/outputs/0", 0);
    assertThat(moved.render())
        .isEqualTo(
            text.replace(METRICS, "")
                .replace(
                    "      file: app.log\n", "      file: app.log\n      processors:\n" + METRICS));
    Section labels = moved.tree().section("/pipeline/outputs/0/processors/metrics/0").orElseThrow();
    assertThat(labels.argument()).isEqualTo("metrics");
    assertThat(labels.value("insert")).contains("env prod");
    ConfigDocument back =
        moved.withSectionMoved("/pipeline/outputs/0/processors/metrics/0", "/pipeline/inputs/0", 0);
    assertThat(back.render()).isEqualTo(text);
  }

  @Test
  void reindentsBetweenListsWrittenAtTheKeysIndentAndDeeper() {
    String text =
        """
        pipeline:
          inputs:
          - name: dummy
            processors:
              logs:
              - name: content_modifier
                action: insert
              - name: labels
                insert: a b
          outputs:
            - name: stdout
              match: '*'
              processors:
                logs:
                  - name: sql
                    query: x
        """;
    ConfigDocument doc = ConfigDocument.parse("i.yaml", text);
    ConfigDocument moved =
        doc.withSectionMoved("/pipeline/inputs/0/processors/logs/1", "/pipeline/outputs/0", 1);
    assertThat(moved.render())
        .isEqualTo(
            text.replace("      - name: labels\n        insert: a b\n", "")
                + "          - name: labels\n            insert: a b\n");
    assertThat(
            moved
                .withSectionMoved("/pipeline/outputs/0/processors/logs/1", "/pipeline/inputs/0", 1)
                .render())
        .isEqualTo(text);
    ConfigDocument added =
        doc.withChildSection("/pipeline/inputs/0", "processor", "logs", props("name", "grep"));
    assertThat(added.render())
        .isEqualTo(text.replace("insert: a b\n", "insert: a b\n      - name: grep\n"));
  }

  @Test
  void movingTheLastProcessorOutRemovesItsKeys() {
    String text = Corpus.read("yaml/stream_and_routes.yaml");
    ConfigDocument doc = ConfigDocument.parse("s.yaml", text);
    ConfigDocument moved =
        doc.withSectionMoved("/pipeline/inputs/0/processors/logs/0", "/pipeline/outputs/1", 0);
    assertThat(moved.render())
        .isEqualTo(
            text.replace(
                    "        logs:\n          - name: sql\n            query: \"SELECT * FROM STREAM;\"\n",
                    "")
                .replace(
                    "      match: |\n        otel\n",
                    "      match: |\n        otel\n      processors:\n        logs:\n"
                        + "          - name: sql\n            query: \"SELECT * FROM STREAM;\"\n"));
    assertThat(moved.tree().section("/pipeline/outputs/1").orElseThrow().value("match"))
        .contains("otel\n");
  }

  @Test
  void removingTheLastProcessorLeavesNoEmptyKeys() {
    String text = Corpus.read("yaml/full.yaml");
    ConfigDocument doc = ConfigDocument.parse("full.yaml", text);
    ConfigDocument one = doc.withoutSection("/pipeline/inputs/0/processors/metrics/0");
    assertThat(one.render()).isEqualTo(text.replace(METRICS, ""));
    ConfigDocument none = one.withoutSection("/pipeline/inputs/0/processors/logs/0");
    String processors = ClassicMoveTest.block(text, "      processors:\n", "value: dummy\n");
    assertThat(none.render()).isEqualTo(text.replace(processors + METRICS, ""));
    assertThat(none.tree().section("/pipeline/inputs/0").orElseThrow().children()).isEmpty();
  }

  @Test
  void addsProcessorsCreatingKeysWithTheFilesIndentation() {
    String text = Corpus.read("yaml/full.yaml");
    ConfigDocument doc = ConfigDocument.parse("full.yaml", text);
    ConfigDocument added =
        doc.withChildSection(
            "/pipeline/inputs/1", "processor", "traces", props("name", "sampling"));
    assertThat(added.render())
        .isEqualTo(
            text.replace(
                "      multiline.parser: multiline-java\n",
                "      multiline.parser: multiline-java\n      processors:\n        traces:\n"
                    + "          - name: sampling\n"));
    ConfigDocument more =
        doc.withChildSection("/pipeline/inputs/0", "processor", "logs", props("name", "sql"));
    assertThat(more.render())
        .isEqualTo(text.replace("value: dummy\n", "value: dummy\n          - name: sql\n"));
    assertThatThrownBy(
            () -> doc.withChildSection("/pipeline/inputs/0", "processor", "events", props()))
        .hasMessageContaining("logs, metrics or traces");
    assertThatThrownBy(() -> doc.withChildSection("/service", "processor", "logs", props()))
        .hasMessageContaining("input, filter, output")
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void addsAtTheTopLevelOfAFileWithoutPipeline() {
    ConfigDocument doc = ConfigDocument.parse("s.yaml", "service:\n    flush: 1\n");
    ConfigDocument added = doc.withChildSection("", "input", "", props("name", "cpu"));
    assertThat(added.render())
        .isEqualTo("service:\n    flush: 1\npipeline:\n    inputs:\n      - name: cpu\n");
    ConfigDocument marked =
        ConfigDocument.parse("e.yaml", Corpus.read("yaml/empty_sections.yaml"))
            .withChildSection("", "output", "", props("name", "stdout"));
    assertThat(marked.render()).endsWith("    - name: stdout\n...\n");
    assertThat(marked.tree().sections("output")).hasSize(2);
  }

  @Test
  void addsUnderEmptyKeysAndToAnEmptyFile() {
    assertThat(
            ConfigDocument.parse("e.yaml", "")
                .withChildSection("", "input", "", props("name", "cpu"))
                .render())
        .isEqualTo("pipeline:\n  inputs:\n    - name: cpu\n");
    assertThat(
            ConfigDocument.parse("p.yaml", "pipeline:\n")
                .withChildSection("", "input", "", props("name", "cpu"))
                .render())
        .isEqualTo("pipeline:\n  inputs:\n    - name: cpu\n");
    assertThat(
            ConfigDocument.parse(
                    "i.yaml", "pipeline:\r\n  inputs:\r\n  outputs:\r\n  - name: x\r\n")
                .withChildSection("", "input", "", props("name", "cpu"))
                .render())
        .isEqualTo("pipeline:\r\n  inputs:\r\n  - name: cpu\r\n  outputs:\r\n  - name: x\r\n");
  }

  @Test
  void refusesFlowListsAndMapKeys() {
    String text =
        "pipeline:\n  inputs:\n    - name: cpu\n      processors:\n        logs: []\n  outputs: []\n";
    ConfigDocument doc = ConfigDocument.parse("f.yaml", text);
    assertThatThrownBy(() -> doc.withChildSection("", "output", "", props("name", "stdout")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("flow style");
    assertThatThrownBy(
            () -> doc.withChildSection("/pipeline/inputs/0", "processor", "logs", props()))
        .hasMessageContaining("flow style");
    ConfigDocument full = ConfigDocument.parse("full.yaml", Corpus.read("yaml/full.yaml"));
    assertThatThrownBy(() -> full.withSectionMoved("/extensions/flotilla", "/extensions", 1))
        .hasMessageContaining("only list items move");
    assertThatThrownBy(() -> full.withSectionMoved("/pipeline/inputs/0", "/pipeline/outputs/0", 0))
        .hasMessageContaining("top-level list");
    assertThatThrownBy(
            () ->
                full.withSectionMoved(
                    "/pipeline/inputs/0/processors/logs/0", "/upstream_servers/0", 0))
        .hasMessageContaining("input, filter, output");
  }

  @Test
  void crlfIsKept() {
    String text =
        "pipeline:\r\n  inputs:\r\n    - name: a\r\n    - name: b\r\n  outputs:\r\n"
            + "    - name: c\r\n      processors:\r\n        logs:\r\n          - name: p\r\n";
    ConfigDocument doc = ConfigDocument.parse("c.yaml", text);
    assertThat(doc.withSectionMoved("/pipeline/inputs/1", "", 0).render())
        .isEqualTo(text.replace("a\r\n    - name: b", "b\r\n    - name: a"));
    ConfigDocument moved =
        doc.withSectionMoved("/pipeline/outputs/0/processors/logs/0", "/pipeline/inputs/0", 0);
    assertThat(moved.render())
        .isEqualTo(
            "pipeline:\r\n  inputs:\r\n    - name: a\r\n      processors:\r\n        logs:\r\n"
                + "          - name: p\r\n    - name: b\r\n  outputs:\r\n    - name: c\r\n");
    assertThat(
            moved
                .withSectionMoved("/pipeline/inputs/0/processors/logs/0", "/pipeline/outputs/0", 0)
                .render())
        .isEqualTo(text);
  }
}
