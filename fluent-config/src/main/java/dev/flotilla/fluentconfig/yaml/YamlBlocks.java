package dev.flotilla.fluentconfig.yaml;

import dev.flotilla.fluentconfig.TextBlocks;
import java.util.Locale;
import java.util.Set;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Text offsets of YAML block list items and map entries, and the indentation style of a file.
 *
 * <p>An item's block runs from the line of its dash (with the comment lines directly above it that
 * are not indented deeper than the dash) to the end of its last non-blank line, trailing comment
 * included.
 */
final class YamlBlocks {
  private static final Set<String> SIGNALS = Set.of("logs", "metrics", "traces");
  private static final Set<String> PIPELINE_LISTS = Set.of("inputs", "filters", "outputs");
  private static final int MAX_DEPTH = 100;

  /**
   * How the file indents: {@code step} columns from a key to the keys of the map under it, and
   * {@code dashOffset} columns from a key to the dashes of the list under it (0 when written {@code
   * inputs:} / {@code - name:} at the same indent).
   */
  record Style(int step, int dashOffset) {}

  private final YamlText text;
  private final String src;

  YamlBlocks(YamlText text) {
    this.text = text;
    this.src = text.text();
  }

  /** The offset of the dash that opens a block list item. */
  int dash(Node item) {
    int i = text.start(item) - 1;
    while (i >= 0 && Character.isWhitespace(src.charAt(i))) {
      i--;
    }
    if (i < 0 || src.charAt(i) != '-') {
      throw new IllegalArgumentException(
          "not a block list item at line " + (lineNumber(text.start(item))));
    }
    return i;
  }

  int dashColumn(Node item) {
    int d = dash(item);
    return d - TextBlocks.lineStart(src, d);
  }

  /**
   * Where an item's block starts. {@code lowerBound} is the end of the item before it (0 for the
   * first), so that the content of a multi-line value above is never taken for a comment.
   */
  int itemStart(Node item, int lowerBound) {
    int d = dash(item);
    int line = TextBlocks.lineStart(src, d);
    int column = d - line;
    while (line > 0) {
      int prev = TextBlocks.lineStart(src, line - 1);
      int end = TextBlocks.contentEnd(src, prev);
      if (prev < lowerBound || !TextBlocks.isComment(src, prev, end) || indent(prev) > column) {
        break;
      }
      line = prev;
    }
    return line;
  }

  /** The content end of a node's last non-blank line. */
  int end(Node node) {
    return TextBlocks.contentEndBefore(src, text.blockEnd(node));
  }

  /** The content end of a map entry's last non-blank line. */
  int end(NodeTuple entry) {
    int e = Math.max(text.end(entry.getKeyNode()), text.blockEnd(entry.getValueNode()));
    return TextBlocks.contentEndBefore(src, e);
  }

  /** The start of the line that holds an entry's key; -1 when something else (a dash) is on it. */
  int entryStart(NodeTuple entry) {
    int key = text.start(entry.getKeyNode());
    int line = TextBlocks.lineStart(src, key);
    return TextBlocks.isBlank(src, line, key) ? line : -1;
  }

  /** The column of a block map's keys. */
  static int keyColumn(MappingNode map) {
    return column(map.getValue().get(0).getKeyNode());
  }

  static int column(Node node) {
    return node.getStartMark().map(m -> m.getColumn()).orElse(0);
  }

  static boolean isBlock(Node node) {
    return node instanceof MappingNode m
        ? m.getFlowStyle() == FlowStyle.BLOCK && !m.getValue().isEmpty()
        : node instanceof SequenceNode s
            && s.getFlowStyle() == FlowStyle.BLOCK
            && !s.getValue().isEmpty();
  }

  /** The file's indentation, preferring processors, then pipeline lists, then anything; else 2. */
  Style style(Node root) {
    int[] step = {-1, -1, -1};
    int[] dashOffset = {-1, -1, -1};
    if (root instanceof MappingNode m && isBlock(m)) {
      scan(m, "", step, dashOffset, 0);
    }
    return new Style(first(step, 1), first(dashOffset, 0));
  }

  private void scan(MappingNode map, String parentKey, int[] step, int[] dashOffset, int depth) {
    if (depth > MAX_DEPTH) {
      return;
    }
    for (NodeTuple t : map.getValue()) {
      String key = String.valueOf(YamlText.scalarValue(t.getKeyNode())).toLowerCase(Locale.ROOT);
      int keyColumn = column(t.getKeyNode());
      Node value = t.getValueNode();
      if (value instanceof MappingNode m && isBlock(m)) {
        int rank = key.equals("processors") ? 0 : key.equals("pipeline") ? 1 : 2;
        if (step[rank] < 0) {
          step[rank] = keyColumn(m) - keyColumn;
        }
        scan(m, key, step, dashOffset, depth + 1);
      } else if (value instanceof SequenceNode s && isBlock(s)) {
        int rank =
            SIGNALS.contains(key) && parentKey.equals("processors")
                ? 0
                : PIPELINE_LISTS.contains(key) ? 1 : 2;
        if (dashOffset[rank] < 0) {
          dashOffset[rank] = dashColumnOrMissing(s.getValue().get(0)) - keyColumn;
        }
        for (Node item : s.getValue()) {
          if (item instanceof MappingNode m && isBlock(m)) {
            scan(m, key, step, dashOffset, depth + 1);
          }
        }
      }
    }
  }

  private static int first(int[] ranked, int min) {
    for (int v : ranked) {
      if (v >= min) {
        return v;
      }
    }
    return 2;
  }

  private int dashColumnOrMissing(Node item) {
    try {
      return dashColumn(item);
    } catch (IllegalArgumentException notBlock) {
      return Integer.MIN_VALUE / 2;
    }
  }

  private int indent(int lineStart) {
    int i = lineStart;
    while (i < src.length() && src.charAt(i) == ' ') {
      i++;
    }
    return i - lineStart;
  }

  private int lineNumber(int offset) {
    return (int) src.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
  }
}
