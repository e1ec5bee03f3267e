package dev.flotilla.fluentconfig.fluentd;

import dev.flotilla.fluentconfig.SectionMoves;
import dev.flotilla.fluentconfig.TextBlocks;
import dev.flotilla.fluentconfig.TextLines;
import dev.flotilla.fluentconfig.model.ConfigTree;
import dev.flotilla.fluentconfig.model.Section;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The text blocks of a Fluentd file's directives: the opening tag (with the comment lines directly
 * above it) through the closing tag. Knows which directive may sit where, and places a block among
 * its siblings of the same name.
 */
final class FluentdBlocks {
  private final String text;
  private final List<FluentdElement> elements;
  private final Map<String, FluentdDocument.Span> spans;
  private final ConfigTree tree;
  private final int[] offsets;

  FluentdBlocks(
      String text,
      List<FluentdElement> elements,
      Map<String, FluentdDocument.Span> spans,
      ConfigTree tree) {
    this.text = text;
    this.elements = elements;
    this.spans = spans;
    this.tree = tree;
    this.offsets = new int[elements.size() + 1];
    for (int i = 0; i < elements.size(); i++) {
      offsets[i + 1] = offsets[i] + elements.get(i).raw().length();
    }
  }

  /** The moved text, or null when the directive already is where it would go. */
  String move(String path, String parentPath, int index) {
    Section section = section(path);
    if (SectionMoves.inPlace(
        tree, section, parentPath, index, s -> s.kind().equals(section.kind()))) {
      return null;
    }
    SectionMoves.checkNotInside(path, parentPath);
    String reason = refusal(section.kind(), parentPath);
    if (reason != null) {
      throw SectionMoves.refused(path, parentPath, reason);
    }
    String from = tree.parent(path).map(Section::path).orElse("");
    List<Section> siblings = siblings(path, section.kind(), parentPath);
    SectionMoves.checkIndex(path, parentPath, index, siblings.size());
    TextBlocks.Cut cut = TextBlocks.cut(text, start(path), end(path));
    String indent = indentOf(spans.get(path).open());
    String target = from.equals(parentPath) ? indent : childIndent(parentPath);
    return place(
        cut.withBlock(reindent(path, indent, target)), section.kind(), siblings, index, parentPath);
  }

  /** Adds {@code <kind argument>} after the last directive of its name in the container. */
  String add(String parentPath, String kind, String argument, Map<String, String> properties) {
    if (!kind.matches("[A-Za-z0-9_.-]+") || argument.contains(">") || argument.contains("\n")) {
      throw new IllegalArgumentException(
          "Fluentd cannot hold a directive <" + kind + " " + argument + ">");
    }
    if (!parentPath.isEmpty()) {
      section(parentPath);
    }
    String reason = refusal(kind, parentPath);
    if (reason != null) {
      throw new IllegalArgumentException(
          "cannot add <" + kind + "> to " + SectionMoves.where(parentPath) + ": " + reason);
    }
    String newline = TextLines.preferredNewline(text);
    String indent = childIndent(parentPath);
    StringBuilder sb = new StringBuilder(indent).append('<').append(kind);
    if (!argument.isBlank()) {
      sb.append(' ').append(argument.strip());
    }
    sb.append('>').append(newline);
    for (var e : properties.entrySet()) {
      sb.append(indent).append(unit()).append(e.getKey()).append(' ');
      sb.append(FluentdDocument.quote(e.getValue())).append(newline);
    }
    sb.append(indent).append("</").append(kind).append('>');
    List<Section> siblings = siblings(null, kind, parentPath);
    TextBlocks.Cut none = TextBlocks.Cut.none(text, newline, sb.toString());
    return place(none, kind, siblings, siblings.size(), parentPath);
  }

  /** Why a {@code <kind>} cannot sit in the container, or null when it can. */
  private String refusal(String kind, String parentPath) {
    String parent = parentPath.isEmpty() ? "" : section(parentPath).kind();
    boolean grouping = parent.equals("label") || parent.equals("worker");
    return switch (kind) {
      case "source" ->
          parent.isEmpty() || parent.equals("worker")
              ? null
              : "a <source> sits at the top level or in a <worker>";
      case "filter", "match" ->
          parent.isEmpty() || grouping
              ? null
              : "a <" + kind + "> sits at the top level, in a <label> or in a <worker>";
      case "label" ->
          parent.isEmpty() || parent.equals("worker")
              ? null
              : "a <label> sits at the top level or in a <worker>";
      case "system", "worker" ->
          parent.isEmpty() ? null : "a <" + kind + "> sits at the top level only";
      default ->
          parent.isEmpty() || grouping
              ? "a <"
                  + kind
                  + "> sits inside a directive such as <source>, <match> or <filter>, not at the"
                  + " top level or directly in a <label> or <worker>"
              : null;
    };
  }

  private String place(
      TextBlocks.Cut cut, String kind, List<Section> siblings, int index, String parentPath) {
    String rest = cut.rest();
    if (index < siblings.size()) {
      int target = cut.map(start(siblings.get(index).path()));
      return TextBlocks.insertBefore(rest, target, cut.separator(), cut.block());
    }
    if (!siblings.isEmpty()) {
      int after = cut.map(end(siblings.get(siblings.size() - 1).path()));
      return TextBlocks.insertAfter(rest, after, cut.separator(), cut.block());
    }
    if (kind.equals("filter")) {
      // With no filter there yet, a filter goes before the first match: events meet it first.
      var match = siblings(null, "match", parentPath).stream().findFirst();
      if (match.isPresent()) {
        int target = cut.map(start(match.get().path()));
        return TextBlocks.insertBefore(rest, target, cut.separator(), cut.block());
      }
    }
    int before =
        parentPath.isEmpty()
            ? TextBlocks.lastContentEnd(rest)
            : TextBlocks.previousContentEnd(rest, cut.map(offsets[spans.get(parentPath).close()]));
    if (before < 0) {
      return rest + cut.block() + cut.separator();
    }
    return TextBlocks.insertAfter(rest, before, cut.separator(), cut.block());
  }

  private List<Section> siblings(String path, String kind, String parentPath) {
    List<Section> all = parentPath.isEmpty() ? tree.sections() : section(parentPath).children();
    return all.stream().filter(s -> s.kind().equals(kind) && !s.path().equals(path)).toList();
  }

  private Section section(String path) {
    return tree.section(path)
        .orElseThrow(() -> new IllegalArgumentException("no section at " + path));
  }

  private int first(String path) {
    int e = spans.get(path).open();
    while (e > 0 && elements.get(e - 1) instanceof FluentdElement.Comment) {
      e--;
    }
    return e;
  }

  private int start(String path) {
    int e = first(path);
    return offsets[e] == 0 && text.startsWith("\uFEFF") ? 1 : offsets[e];
  }

  private int end(String path) {
    return TextBlocks.contentEnd(text, offsets[spans.get(path).close()]);
  }

  /**
   * The block's text with the indentation of each element's first line changed from {@code from} to
   * {@code to}; continuation lines of multi-line values stay as they are (they may be inside a
   * quoted string).
   */
  private String reindent(String path, String from, String to) {
    if (from.equals(to)) {
      return text.substring(start(path), end(path));
    }
    int close = spans.get(path).close();
    StringBuilder sb = new StringBuilder();
    for (int i = first(path); i <= close; i++) {
      FluentdElement e = elements.get(i);
      String raw = e.raw();
      if (offsets[i] == 0 && raw.startsWith("\uFEFF")) {
        raw = raw.substring(1);
      }
      if (i == close) {
        raw = TextLines.content(raw);
      }
      if (!(e instanceof FluentdElement.Blank) && raw.startsWith(from)) {
        raw = to + raw.substring(from.length());
      }
      sb.append(raw);
    }
    return sb.toString();
  }

  /** The indentation of a container's direct children, as written or one unit deeper. */
  private String childIndent(String parentPath) {
    int open = parentPath.isEmpty() ? -1 : spans.get(parentPath).open();
    int close = parentPath.isEmpty() ? elements.size() : spans.get(parentPath).close();
    int depth = 0;
    for (int i = open + 1; i < close; i++) {
      FluentdElement e = elements.get(i);
      if (depth == 0 && (e instanceof FluentdElement.Open || e instanceof FluentdElement.Param)) {
        return indentOf(i);
      }
      if (e instanceof FluentdElement.Open) {
        depth++;
      } else if (e instanceof FluentdElement.Close) {
        depth--;
      }
    }
    return parentPath.isEmpty() ? "" : indentOf(open) + unit();
  }

  /** The file's indentation step: how much deeper the first nested element sits. */
  private String unit() {
    Deque<String> open = new ArrayDeque<>();
    for (int i = 0; i < elements.size(); i++) {
      FluentdElement e = elements.get(i);
      if ((e instanceof FluentdElement.Open || e instanceof FluentdElement.Param)
          && !open.isEmpty()) {
        String outer = open.peek();
        String inner = indentOf(i);
        if (inner.length() > outer.length() && inner.startsWith(outer)) {
          return inner.substring(outer.length());
        }
      }
      if (e instanceof FluentdElement.Open) {
        open.push(indentOf(i));
      } else if (e instanceof FluentdElement.Close && !open.isEmpty()) {
        open.pop();
      }
    }
    return "  ";
  }

  private String indentOf(int element) {
    String raw = elements.get(element).raw();
    int skip = offsets[element] == 0 && raw.startsWith("\uFEFF") ? 1 : 0;
    return raw.substring(skip, skip + TextLines.leadingWhitespace(raw.substring(skip)));
  }
}
