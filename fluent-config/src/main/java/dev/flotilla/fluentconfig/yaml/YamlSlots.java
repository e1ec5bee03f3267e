package dev.flotilla.fluentconfig.yaml;

import dev.flotilla.fluentconfig.SectionMoves;
import dev.flotilla.fluentconfig.model.ConfigTree;
import dev.flotilla.fluentconfig.model.Section;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Where the lists of a Fluent Bit YAML file live: a section path's list, the keys down to it, and
 * which sections may hold a nested list of a kind.
 */
final class YamlSlots {
  /** Which sections hold each nested kind, and how to say so. */
  private static final Map<String, List<String>> NESTED_PARENTS =
      Map.of(
          "processor", List.of("input", "filter", "output"),
          "node", List.of("upstream"),
          "rule", List.of("multiline_parser"));

  /** Where a list lives: the map that holds it (null: an empty file) and the keys down to it. */
  record Slot(MappingNode owner, List<String> keys) {}

  /** The entries found along a slot's keys, and the list when every key is there. */
  record Found(List<NodeTuple> entries, SequenceNode list) {}

  private final Node root;
  private final ConfigTree tree;
  private final Map<String, MappingNode> nodes;

  YamlSlots(Node root, ConfigTree tree, Map<String, MappingNode> nodes) {
    this.root = root;
    this.tree = tree;
    this.nodes = nodes;
  }

  Found find(Slot slot) {
    List<NodeTuple> entries = new ArrayList<>();
    Node at = slot.owner();
    for (String key : slot.keys()) {
      if (!(at instanceof MappingNode map)) {
        break;
      }
      NodeTuple entry = null;
      for (NodeTuple t : map.getValue()) {
        if (key.equalsIgnoreCase(YamlText.scalarValue(t.getKeyNode()))) {
          entry = t;
          break;
        }
      }
      if (entry == null) {
        break;
      }
      entries.add(entry);
      at = entry.getValueNode();
    }
    boolean all = entries.size() == slot.keys().size();
    return new Found(entries, all && at instanceof SequenceNode s ? s : null);
  }

  Slot slotOf(String path, Optional<Section> parent) {
    String list = path.substring(0, path.lastIndexOf('/'));
    if (parent.isEmpty()) {
      if (!(root instanceof MappingNode map)) {
        throw new IllegalArgumentException("no list holds " + path);
      }
      return new Slot(map, Arrays.asList(list.substring(1).split("/")));
    }
    String parentPath = parent.get().path();
    List<String> keys = Arrays.asList(list.substring(parentPath.length() + 1).split("/"));
    return new Slot(nodes.get(parentPath), keys);
  }

  /** The map of the section at {@code parentPath}, if it may hold a {@code kind}. */
  MappingNode owner(String parentPath, String kind, String movedPath) {
    Section parent =
        tree.section(parentPath)
            .orElseThrow(() -> new IllegalArgumentException("no section at " + parentPath));
    List<String> allowed = NESTED_PARENTS.getOrDefault(kind, List.of());
    MappingNode map = nodes.get(parentPath);
    String reason = null;
    if (!allowed.contains(parent.kind())) {
      reason = "a " + kind + " sits in a section of kind " + String.join(", ", allowed);
    } else if (map == null || !YamlBlocks.isBlock(map)) {
      reason = "the section is written in flow style ({...})";
    }
    if (reason != null) {
      throw movedPath == null
          ? new IllegalArgumentException(
              "cannot add a " + kind + " to " + parentPath + ": " + reason)
          : SectionMoves.refused(movedPath, parentPath, reason);
    }
    return map;
  }

  /** Whether the section already is there: the index-th of its kind (a processor: its signal). */
  boolean staysPut(String path, String parentPath, int index) {
    Section section =
        tree.section(path).orElseThrow(() -> new IllegalArgumentException("no section at " + path));
    boolean bySignal = section.kind().equals("processor");
    return SectionMoves.inPlace(
        tree,
        section,
        parentPath,
        index,
        s ->
            s.kind().equals(section.kind())
                && (!bySignal || s.argument().equals(section.argument())));
  }

  boolean isItem(String path) {
    return nodes.containsKey(path) && path.matches(".*/\\d+");
  }

  MappingNode item(String path) {
    MappingNode item = nodes.get(path);
    if (item == null || !path.matches(".*/\\d+")) {
      throw new IllegalArgumentException("no list item at " + path);
    }
    return item;
  }

  String kind(String path) {
    return tree.section(path).map(Section::kind).orElse("section");
  }

  static int indexOf(List<Node> items, Node item) {
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) == item) {
        return i;
      }
    }
    throw new IllegalArgumentException("the list item is listed under a repeated key");
  }

  /** The entry whose removal empties the list: its key, or {@code processors:} if only one. */
  static NodeTuple emptied(Found found) {
    List<NodeTuple> entries = found.entries();
    int i = entries.size() - 1;
    while (i > 0 && ((MappingNode) entries.get(i - 1).getValueNode()).getValue().size() == 1) {
      i--;
    }
    return entries.get(i);
  }
}
