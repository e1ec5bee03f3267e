package dev.flotilla.fluentconfig.yaml;

import dev.flotilla.fluentconfig.SectionMoves;
import dev.flotilla.fluentconfig.TextBlocks;
import dev.flotilla.fluentconfig.TextLines;
import dev.flotilla.fluentconfig.model.ConfigTree;
import dev.flotilla.fluentconfig.model.FluentBitSections;
import dev.flotilla.fluentconfig.model.Section;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The block lists of a Fluent Bit YAML file, as edits of its text: items moved within and between
 * lists, added and removed. A list's keys ({@code pipeline:} / {@code inputs:}, {@code processors:}
 * / {@code logs:}) are created when missing, indented like the file, and a nested list's keys are
 * removed when the last item leaves them.
 */
final class YamlLists {
  private static final Set<String> SIGNALS = Set.of("logs", "metrics", "traces");

  private final String src;
  private final Node root;
  private final ConfigTree tree;
  private final YamlBlocks blocks;
  private final YamlSlots slots;

  YamlLists(YamlText text, Node root, ConfigTree tree, Map<String, MappingNode> nodes) {
    this.src = text.text();
    this.root = root;
    this.tree = tree;
    this.blocks = new YamlBlocks(text);
    this.slots = new YamlSlots(root, tree, nodes);
  }

  /** The moved text, or null when the item already is where it would go. */
  String move(String path, String parentPath, int index) {
    Optional<Section> parent = tree.parent(path);
    if (slots.staysPut(path, parentPath, index)) {
      return null;
    }
    if (!slots.isItem(path)) {
      throw SectionMoves.refused(
          path, parentPath, "it is a map key, not a list item; only list items move");
    }
    MappingNode item = slots.item(path);
    YamlSlots.Slot from = slots.slotOf(path, parent);
    SectionMoves.checkNotInside(path, parentPath);
    YamlSlots.Slot to = from;
    if (parent.isEmpty() != parentPath.isEmpty()) {
      throw SectionMoves.refused(
          path,
          parentPath,
          parent.isEmpty()
              ? "it sits in its own top-level list; reorder it there with \"\""
              : "a " + slots.kind(path) + " sits inside another section");
    }
    if (parent.isPresent()) {
      to = new YamlSlots.Slot(slots.owner(parentPath, slots.kind(path), path), from.keys());
    }
    SequenceNode list = slots.find(from).list();
    if (list == null || !YamlBlocks.isBlock(list)) {
      throw SectionMoves.refused(path, parentPath, "its list is not a block list");
    }
    List<Node> items = list.getValue();
    int i = YamlSlots.indexOf(items, item);
    int start = blocks.itemStart(item, i == 0 ? 0 : blocks.end(items.get(i - 1)));
    TextBlocks.Cut cut = TextBlocks.cut(src, start, blocks.end(item));
    int dash = blocks.dashColumn(item);
    if (to.owner() == from.owner()) {
      List<Node> others = new ArrayList<>(items);
      others.remove(i);
      SectionMoves.checkIndex(path, parentPath, index, others.size());
      return others.isEmpty() ? null : among(cut, dash, others, index);
    }
    SequenceNode target = slots.find(to).list();
    int count = target == null ? 0 : target.getValue().size();
    SectionMoves.checkIndex(path, parentPath, index, count);
    if (items.size() == 1) {
      NodeTuple entry = YamlSlots.emptied(slots.find(from));
      int entryStart = blocks.entryStart(entry);
      if (entryStart < 0) {
        throw SectionMoves.refused(
            path, parentPath, "its list key shares a line with a dash; put it on its own line");
      }
      cut = cut.widenedTo(TextBlocks.cut(src, entryStart, blocks.end(entry)));
    }
    return into(cut, dash, to, index, "cannot move " + path + " into " + parentPath);
  }

  /** Adds an item holding {@code properties} at the end of a nested list of the section. */
  String addChild(String parentPath, String kind, String argument, Map<String, String> props) {
    String k = kind.toLowerCase(Locale.ROOT);
    String signal = argument == null ? "" : argument.strip().toLowerCase(Locale.ROOT);
    if (k.equals("processor") && !SIGNALS.contains(signal)) {
      throw new IllegalArgumentException(
          "a processor needs its signal as the argument (logs, metrics or traces), not '"
              + argument
              + "'");
    }
    List<String> keys =
        switch (k) {
          case "processor" -> List.of("processors", signal);
          case "node" -> List.of("nodes");
          case "rule" -> List.of("rules");
          default ->
              throw new IllegalArgumentException(
                  "YAML holds processor sections inside inputs, filters and outputs (and node and"
                      + " rule sections in upstreams and multiline parsers), not '"
                      + kind
                      + "' inside "
                      + parentPath);
        };
    YamlSlots.Slot slot = new YamlSlots.Slot(slots.owner(parentPath, k, null), keys);
    return add(slot, props, "cannot add a " + k + " to " + parentPath);
  }

  /** Adds an item at the end of a top-level list such as {@code pipeline/inputs}. */
  String addTopLevel(String kind, Map<String, String> props) {
    String collection = FluentBitSections.collection(kind);
    List<String> keys = Arrays.asList(collection.substring(1).split("/"));
    if (root != null && !(root instanceof MappingNode) && !isEmpty(root)) {
      throw new IllegalArgumentException("the top level of the file is not a map");
    }
    MappingNode owner = root instanceof MappingNode m ? m : null;
    return add(
        new YamlSlots.Slot(owner, keys), props, "cannot add a " + kind + " to " + collection);
  }

  /**
   * Removes a list item's lines; when it is the last item of a nested list (processors, nodes,
   * rules), removes the list's key too, and {@code processors:} when that empties it.
   */
  String remove(String path) {
    MappingNode item = slots.item(path);
    Optional<Section> parent = tree.parent(path);
    int start = TextBlocks.lineStart(src, blocks.dash(item));
    int end = blocks.end(item);
    if (parent.isPresent()) {
      YamlSlots.Found found = slots.find(slots.slotOf(path, parent));
      if (found.list() != null && found.list().getValue().size() == 1) {
        NodeTuple entry = YamlSlots.emptied(found);
        if (blocks.entryStart(entry) >= 0) {
          start = blocks.entryStart(entry);
          end = blocks.end(entry);
        }
      }
    }
    int to = TextBlocks.nextLineStart(src, end);
    if (to == src.length() && !src.endsWith("\n") && start > 0) {
      // The last line had no terminator: the line that becomes last loses its own.
      start = TextBlocks.contentEnd(src, start - 1);
    }
    return src.substring(0, start) + src.substring(to);
  }

  private String add(YamlSlots.Slot slot, Map<String, String> props, String what) {
    String newline = TextLines.preferredNewline(src);
    StringBuilder item = new StringBuilder();
    for (var e : props.entrySet()) {
      item.append(item.isEmpty() ? "- " : newline + "  ").append(e.getKey()).append(": ");
      item.append(YamlText.scalar(e.getValue()));
    }
    String block = item.isEmpty() ? "- {}" : item.toString();
    TextBlocks.Cut none = TextBlocks.Cut.none(src, newline, block);
    YamlSlots.Found found = slots.find(slot);
    int index = found.list() == null ? 0 : found.list().getValue().size();
    return into(none, 0, slot, index, what);
  }

  /** Places the cut block among the other items of its own list. */
  private String among(TextBlocks.Cut cut, int dash, List<Node> others, int index) {
    String block = TextBlocks.shift(cut.block(), blocks.dashColumn(others.get(0)) - dash);
    if (index < others.size()) {
      Node next = others.get(index);
      int lower = index == 0 ? 0 : blocks.end(others.get(index - 1));
      int target = cut.map(blocks.itemStart(next, lower));
      return TextBlocks.insertBefore(cut.rest(), target, cut.separator(), block);
    }
    int after = cut.map(blocks.end(others.get(others.size() - 1)));
    return TextBlocks.insertAfter(cut.rest(), after, cut.separator(), block);
  }

  /**
   * Places the cut block (written at column {@code dash}) at {@code index} (already checked) in the
   * slot, creating the keys it lacks. {@code attempt} opens any refusal.
   */
  private String into(
      TextBlocks.Cut cut, int dash, YamlSlots.Slot slot, int index, String attempt) {
    YamlSlots.Found found = slots.find(slot);
    if (found.list() != null) {
      if (!YamlBlocks.isBlock(found.list())) {
        throw new IllegalArgumentException(
            attempt
                + ": the list '"
                + String.join("/", slot.keys())
                + "' is written in flow style ([...]); write it as a block list first");
      }
      return among(cut, dash, found.list().getValue(), index);
    }
    YamlBlocks.Style style = blocks.style(root);
    List<NodeTuple> entries = found.entries();
    int have = entries.size();
    Node last = have == 0 ? slot.owner() : entries.get(have - 1).getValueNode();
    String where = have == 0 ? "the map there" : "'" + keyOf(entries.get(have - 1)) + "'";
    int column;
    int at;
    if (last == null) {
      column = 0;
      at = TextBlocks.lastContentEnd(src);
    } else if (last instanceof MappingNode map && have < slot.keys().size()) {
      if (!YamlBlocks.isBlock(map)) {
        throw new IllegalArgumentException(
            attempt + ": " + where + " is written in flow style ({...})");
      }
      column = YamlBlocks.keyColumn(map);
      at = blocks.end(map);
    } else if (have > 0 && isEmpty(last)) {
      NodeTuple entry = entries.get(have - 1);
      column = YamlBlocks.column(entry.getKeyNode()) + style.step();
      at = blocks.end(entry.getKeyNode());
    } else {
      throw new IllegalArgumentException(
          attempt + ": " + where + " holds something other than a block map or list");
    }
    String newline = TextLines.preferredNewline(src);
    StringBuilder keys = new StringBuilder();
    for (String key : slot.keys().subList(have, slot.keys().size())) {
      keys.append(at < 0 && keys.isEmpty() ? "" : newline);
      keys.append(" ".repeat(column)).append(key).append(':');
      column += style.step();
    }
    int dashColumn = column - style.step() + style.dashOffset();
    String block = TextBlocks.shift(cut.block(), dashColumn - dash);
    String rest = cut.rest();
    if (at < 0) {
      return rest + keys + newline + block + newline;
    }
    int p = cut.map(at);
    return rest.substring(0, p) + keys + cut.separator() + block + rest.substring(p);
  }

  private static String keyOf(NodeTuple entry) {
    return String.valueOf(YamlText.scalarValue(entry.getKeyNode()));
  }

  private static boolean isEmpty(Node node) {
    return node instanceof ScalarNode s && s.getValue().isEmpty();
  }
}
