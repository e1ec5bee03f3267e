package dev.flotilla.fluentconfig.yaml;

import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Maps YAML marks (code point indexes) back to offsets in the source text. */
final class YamlText {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./][A-Za-z0-9_./$() +=;~^-]*");
  private static final int MAX_DEPTH = 200;

  private final String text;
  private final boolean simple;

  YamlText(String text) {
    this.text = text;
    this.simple = text.codePointCount(0, text.length()) == text.length();
  }

  String text() {
    return text;
  }

  int offset(Mark mark) {
    int cp = mark.getIndex();
    return simple ? Math.min(cp, text.length()) : text.offsetByCodePoints(0, cp);
  }

  int start(Node node) {
    return node.getStartMark().map(this::offset).orElse(0);
  }

  int end(Node node) {
    return node.getEndMark().map(this::offset).orElse(text.length());
  }

  /**
   * The node's text as written, without the line breaks and indentation after a block collection
   * (its end mark is where the next token starts, so they depend on what follows it).
   */
  String source(Node node) {
    return text.substring(start(node), Math.max(start(node), end(node))).stripTrailing();
  }

  /**
   * The offset just past the last character of a block node. Takes the furthest key or value, so
   * that an alias (whose node sits earlier, at its anchor) does not cut the block short.
   */
  int blockEnd(Node node) {
    return blockEnd(node, 0);
  }

  private int blockEnd(Node node, int depth) {
    int best = end(node);
    if (depth > MAX_DEPTH) {
      return best;
    }
    if (node instanceof MappingNode m) {
      best = m.getValue().isEmpty() ? best : 0;
      for (NodeTuple t : m.getValue()) {
        best = Math.max(best, Math.max(end(t.getKeyNode()), blockEnd(t.getValueNode(), depth + 1)));
      }
    } else if (node instanceof SequenceNode s && !s.getValue().isEmpty()) {
      best = 0;
      for (Node item : s.getValue()) {
        best = Math.max(best, blockEnd(item, depth + 1));
      }
    }
    return best;
  }

  /** A value as a YAML scalar: plain when that reads back the same, single-quoted otherwise. */
  static String scalar(String value) {
    if (PLAIN.matcher(value).matches() && !value.endsWith(" ")) {
      return value;
    }
    return "'" + value.replace("'", "''") + "'";
  }

  static String scalarValue(Node node) {
    return node instanceof ScalarNode s ? s.getValue() : null;
  }
}
