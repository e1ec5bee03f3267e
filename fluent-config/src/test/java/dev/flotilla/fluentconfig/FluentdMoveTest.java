package dev.flotilla.fluentconfig;

import static dev.flotilla.fluentconfig.ClassicMoveTest.block;
import static dev.flotilla.fluentconfig.ClassicMoveTest.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.fluentconfig.model.Section;
import org.junit.jupiter.api.Test;

class FluentdMoveTest {

  @Test
  void movesAMatchIntoALabelReindentedWithTheBlankLineAboveItAndBack() {
    String text = Corpus.read("fluentd/full.conf");
    ConfigDocument doc = ConfigDocument.parse("fluent.conf", text);
    String match = block(text, "<match app.** sys.*>", "</match>\n");
    ConfigDocument moved = doc.withSectionMoved("/match/0", "/label/1", 0);
    String indented = match.replaceAll("(?m)^(?=.)", "  ");
    assertThat(moved.render())
        .isEqualTo(
            text.replace(match + "\n", "")
                .replace("<label @ERROR>\n", "<label @ERROR>\n\n" + indented));
    Section inLabel = moved.tree().section("/label/1/match/0").orElseThrow();
    assertThat(inLabel.argument()).isEqualTo("app.** sys.*");
    assertThat(inLabel.children())
        .extracting(Section::kind)
        .containsExactly("server", "buffer", "secondary");
    assertThat(moved.withSectionMoved("/label/1/match/0", "", 0).render()).isEqualTo(text);
  }

  @Test
  void movesANestedDirectiveToAnotherParent() {
    String text = Corpus.read("fluentd/full.conf");
    ConfigDocument doc = ConfigDocument.parse("fluent.conf", text);
    String buffer = "  <buffer>\n    flush_interval 2s\n  </buffer>\n";
    ConfigDocument moved = doc.withSectionMoved("/match/0/buffer/0", "/match/1", 0);
    assertThat(moved.render())
        .isEqualTo(text.replace(buffer, "").replace("  empty_value\n", "  empty_value\n" + buffer));
    ConfigDocument deeper =
        doc.withSectionMoved("/match/0/buffer/0", "/label/0/match/0/store/1", 0);
    assertThat(deeper.render())
        .contains(
            "      @type stdout\n      <buffer>\n        flush_interval 2s\n      </buffer>\n");
    // The only buffer of /match/0 comes back at the end of it, after <secondary>.
    String secondary = "    directory /var/log/fluent/failed\n  </secondary>\n";
    assertThat(deeper.withSectionMoved("/label/0/match/0/store/1/buffer/0", "/match/0", 0).render())
        .isEqualTo(text.replace(buffer, "").replace(secondary, secondary + buffer));
  }

  @Test
  void aFilterGoesBeforeTheMatchOfAContainerWithoutFilters() {
    String text = Corpus.read("fluentd/full.conf");
    ConfigDocument doc = ConfigDocument.parse("fluent.conf", text);
    ConfigDocument moved = doc.withSectionMoved("/label/0/filter/0", "/label/1", 0);
    assertThat(moved.render()).contains("<label @ERROR>\n  <filter **>\n    @type grep\n");
    ConfigDocument back = moved.withSectionMoved("/label/1/filter/0", "/label/0", 0);
    assertThat(back.render()).isEqualTo(text);
  }

  @Test
  void refusesWhatFluentdCannotHold() {
    ConfigDocument doc = ConfigDocument.parse("fluent.conf", Corpus.read("fluentd/full.conf"));
    assertThatThrownBy(() -> doc.withSectionMoved("/source/0", "/label/0", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a <source> sits at the top level or in a <worker>");
    assertThatThrownBy(() -> doc.withSectionMoved("/match/0/buffer/0", "", 0))
        .hasMessageContaining("sits inside a directive");
    assertThatThrownBy(() -> doc.withSectionMoved("/label/0", "/label/0/match/0", 0))
        .hasMessageContaining("into itself");
    assertThatThrownBy(() -> doc.withChildSection("/label/0", "buffer", "", props()))
        .hasMessageContaining("cannot add <buffer> to /label/0");
    assertThatThrownBy(() -> doc.withChildSection("/nowhere/0", "buffer", "", props()))
        .hasMessageContaining("no section at /nowhere/0");
  }

  @Test
  void addsDirectivesInsideOthers() {
    String text = Corpus.read("fluentd/full.conf");
    ConfigDocument doc = ConfigDocument.parse("fluent.conf", text);
    ConfigDocument buffered =
        doc.withChildSection("/match/1", "buffer", "tag", props("@type", "file", "path", "/b"));
    assertThat(buffered.render())
        .isEqualTo(
            text.replace(
                "  empty_value\n",
                "  empty_value\n  <buffer tag>\n    @type file\n    path /b\n  </buffer>\n"));
    ConfigDocument inLabel =
        doc.withChildSection("/label/1", "match", "audit.**", props("@type", "null"));
    assertThat(inLabel.render())
        .contains(
            "  <match **>\n    @type null\n  </match>\n  <match audit.**>\n"
                + "    @type null\n  </match>\n</label>\n");
    ConfigDocument filtered =
        doc.withChildSection("/label/1", "filter", "**", props("@type", "stdout"));
    assertThat(filtered.render())
        .contains("<label @ERROR>\n  <filter **>\n    @type stdout\n  </filter>\n  <match **>");
    ConfigDocument crlf = ConfigDocument.parse("c.conf", Corpus.read("fluentd/crlf.conf"));
    assertThat(crlf.withChildSection("/match/0", "buffer", "", props("@type", "memory")).render())
        .endsWith(
            "  @type stdout\r\n  <buffer>\r\n    @type memory\r\n  </buffer>\r\n</match>\r\n");
  }

  @Test
  void keepsCrlfAndAMissingFinalNewline() {
    String text =
        "<match a>\r\n  @type null\r\n</match>\r\n<match b>\r\n  @type stdout\r\n</match>";
    ConfigDocument doc = ConfigDocument.parse("m.conf", text);
    ConfigDocument moved = doc.withSectionMoved("/match/1", "", 0);
    assertThat(moved.render())
        .isEqualTo(
            "<match b>\r\n  @type stdout\r\n</match>\r\n<match a>\r\n  @type null\r\n</match>");
    assertThat(moved.withSectionMoved("/match/1", "", 0).render()).isEqualTo(text);
    ConfigDocument worker = doc.withChildSection("", "worker", "0", props());
    ConfigDocument inWorker = worker.withSectionMoved("/match/0", "/worker/0", 0);
    assertThat(inWorker.render())
        .isEqualTo(
            "<match b>\r\n  @type stdout\r\n</match>\r\n\r\n<worker 0>\r\n  <match a>\r\n"
                + "    @type null\r\n  </match>\r\n</worker>\r\n");
  }
}
