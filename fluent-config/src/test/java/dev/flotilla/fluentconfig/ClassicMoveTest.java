package dev.flotilla.fluentconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassicMoveTest {

  static Map<String, String> props(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void reordersAmongItsKindAndBack() {
    String text = Corpus.read("classic/full.conf");
    ConfigDocument doc = ConfigDocument.parse("full.conf", text);
    String tail = block(text, "[INPUT]\n    Name              tail", "Refresh_Interval  10\n");
    String dummy = block(text, "[INPUT]\n    Name   dummy", "Rate   1\n");
    ConfigDocument moved = doc.withSectionMoved("/pipeline/inputs/1", "", 0);
    assertThat(moved.render()).isEqualTo(text.replace(tail + "\n" + dummy, dummy + "\n" + tail));
    assertThat(moved.tree().section("/pipeline/inputs/0").orElseThrow().value("name"))
        .contains("dummy");
    assertThat(moved.withSectionMoved("/pipeline/inputs/0", "", 1).render()).isEqualTo(text);

    ConfigDocument outputs = doc.withSectionMoved("/pipeline/outputs/0", "", 1);
    assertThat(outputs.tree().section("/pipeline/outputs/1").orElseThrow().value("name"))
        .contains("file");
    assertThat(outputs.render())
        .endsWith(
            "    Retry_Limit  no_limits\n\n[OUTPUT]\n    Name   file\n"
                + "    Match  app.*\n    Path   ${OUT_DIR}\n    File   app.log\n");
    assertThat(outputs.withSectionMoved("/pipeline/outputs/1", "", 0).render()).isEqualTo(text);
  }

  @Test
  void lastSectionWithoutFinalNewlineMovesAndTheFileStillEndsWithout() {
    String text = "[INPUT]\n    Name cpu\n\n[OUTPUT]\n    Name stdout\n\n[OUTPUT]\n    Name null";
    ConfigDocument doc = ConfigDocument.parse("a.conf", text);
    ConfigDocument moved = doc.withSectionMoved("/pipeline/outputs/1", "", 0);
    assertThat(moved.render())
        .isEqualTo("[INPUT]\n    Name cpu\n\n[OUTPUT]\n    Name null\n\n[OUTPUT]\n    Name stdout");
    assertThat(moved.withSectionMoved("/pipeline/outputs/1", "", 0).render()).isEqualTo(text);
  }

  @Test
  void commentsAboveMoveAlongAndTheByteOrderMarkStays() {
    String text = "\uFEFF# first\n[INPUT]\n    Name a\n\n[INPUT]\n    Name b\n";
    ConfigDocument moved =
        ConfigDocument.parse("a.conf", text).withSectionMoved("/pipeline/inputs/0", "", 1);
    assertThat(moved.render())
        .isEqualTo("\uFEFF[INPUT]\n    Name b\n\n# first\n[INPUT]\n    Name a\n");
    assertThat(moved.withSectionMoved("/pipeline/inputs/1", "", 0).render()).isEqualTo(text);
  }

  @Test
  void tabsAndCrlfAreKept() {
    String text =
        "[INPUT]\r\n\tName\tcpu\r\n\r\n[INPUT]\r\n\tName\tmem\r\n\r\n[OUTPUT]\r\n\tName\tstdout\r\n";
    ConfigDocument doc = ConfigDocument.parse("t.conf", text);
    ConfigDocument moved = doc.withSectionMoved("/pipeline/inputs/1", "", 0);
    assertThat(moved.render())
        .isEqualTo(
            "[INPUT]\r\n\tName\tmem\r\n\r\n[INPUT]\r\n\tName\tcpu\r\n\r\n[OUTPUT]\r\n\tName\tstdout\r\n");
    ConfigDocument added = doc.withChildSection("", "input", "", props("Name", "dummy"));
    assertThat(added.render()).isEqualTo(text + "\r\n[INPUT]\r\n\tName dummy\r\n");
    ConfigDocument tabs = ConfigDocument.parse("t.conf", Corpus.read("classic/tabs_crlf.conf"));
    assertThat(tabs.withChildSection("", "filter", "", props("Name", "grep")).render())
        .endsWith("\r\n\r\n[FILTER]\r\n\tName grep\r\n");
  }

  @Test
  void nodesMoveBetweenUpstreamsAndAnUpstreamTakesItsNodes() {
    String text =
        "[UPSTREAM]\n    name a\n\n[NODE]\n    name a1\n\n[NODE]\n    name a2\n\n"
            + "[UPSTREAM]\n    name b\n\n[NODE]\n    name b1\n";
    ConfigDocument doc = ConfigDocument.parse("u.conf", text);
    ConfigDocument moved =
        doc.withSectionMoved("/upstream_servers/0/nodes/1", "/upstream_servers/1", 0);
    assertThat(moved.render())
        .isEqualTo(
            "[UPSTREAM]\n    name a\n\n[NODE]\n    name a1\n\n"
                + "[UPSTREAM]\n    name b\n\n[NODE]\n    name a2\n\n[NODE]\n    name b1\n");
    assertThat(
            moved
                .withSectionMoved("/upstream_servers/1/nodes/0", "/upstream_servers/0", 1)
                .render())
        .isEqualTo(text);

    ConfigDocument swapped = doc.withSectionMoved("/upstream_servers/1", "", 0);
    assertThat(swapped.render())
        .isEqualTo(
            "[UPSTREAM]\n    name b\n\n[NODE]\n    name b1\n\n"
                + "[UPSTREAM]\n    name a\n\n[NODE]\n    name a1\n\n[NODE]\n    name a2\n");
    assertThat(swapped.tree().section("/upstream_servers/1").orElseThrow().children()).hasSize(2);

    ConfigDocument added =
        doc.withChildSection("/upstream_servers/1", "node", "", props("name", "b2"));
    assertThat(added.render()).isEqualTo(text + "\n[NODE]\n    name b2\n");
  }

  @Test
  void refusesWhatClassicCannotHold() {
    ConfigDocument doc = ConfigDocument.parse("full.conf", Corpus.read("classic/full.conf"));
    assertThatThrownBy(() -> doc.withSectionMoved("/pipeline/inputs/0", "/service", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("top level");
    assertThatThrownBy(() -> doc.withSectionMoved("/pipeline/inputs/0", "", 2))
        .hasMessageContaining("0..1");
    assertThatThrownBy(() -> doc.withSectionMoved("/pipeline/inputs/9", "", 0))
        .hasMessageContaining("no section at /pipeline/inputs/9");
    assertThatThrownBy(
            () -> doc.withChildSection("/pipeline/inputs/0", "filter", "", props("Name", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("top level");
    assertThat(doc.withSectionMoved("/service", "", 0)).isSameAs(doc);
  }

  /** The text from {@code start} through {@code end}. */
  static String block(String text, String start, String end) {
    int from = text.indexOf(start);
    return text.substring(from, text.indexOf(end, from) + end.length());
  }
}
