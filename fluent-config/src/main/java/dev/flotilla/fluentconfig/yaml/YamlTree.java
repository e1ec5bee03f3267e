package dev.flotilla.fluentconfig.yaml;

import dev.flotilla.fluentconfig.ConfigFormat;
import dev.flotilla.fluentconfig.ConfigParseException;
import dev.flotilla.fluentconfig.Location;
import dev.flotilla.fluentconfig.model.ConfigTree;
import dev.flotilla.fluentconfig.model.Include;
import dev.flotilla.fluentconfig.model.Property;
import dev.flotilla.fluentconfig.model.Section;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Builds the structured view of a Fluent Bit YAML file and remembers the mapping node behind every
 * section path, for edits.
 */
final class YamlTree {
  private static final Map<String, String> LISTS =
      Map.of(
          "parsers", "parser",
          "multiline_parsers", "multiline_parser",
          "customs", "custom",
          "upstream_servers", "upstream",
          "stream_processor", "stream_task");
  private static final Map<String, String> NESTED =
      Map.of("rules", "rule", "nodes", "node", "processors", "processor");

  private final String file;
  private final YamlText text;
  private final List<Section> sections = new ArrayList<>();
  private final List<Include> includes = new ArrayList<>();
  private final List<Property> variables = new ArrayList<>();
  private final Map<String, MappingNode> nodes = new LinkedHashMap<>();
  private final Map<String, Integer> counters = new HashMap<>();

  private YamlTree(String file, YamlText text) {
    this.file = file;
    this.text = text;
  }

  record Result(ConfigTree tree, Map<String, MappingNode> nodes) {}

  static Result build(String file, YamlText text, Node root) {
    YamlTree t = new YamlTree(file, text);
    if (root != null) {
      t.root(root);
    }
    return new Result(
        new ConfigTree(file, ConfigFormat.FLUENT_BIT_YAML, t.sections, t.includes, t.variables),
        t.nodes);
  }

  private void root(Node root) {
    if (root instanceof ScalarNode s && s.getValue().isEmpty()) {
      return;
    }
    MappingNode top = mapping(root, "the top level of a Fluent Bit YAML file must be a map");
    boolean seenService = false;
    for (NodeTuple t : top.getValue()) {
      String key = key(t).toLowerCase(Locale.ROOT);
      Node value = t.getValueNode();
      switch (key) {
        case "env" -> env(value);
        case "includes" -> includes(value);
        case "service" -> {
          if (seenService) {
            throw error(t.getKeyNode(), "duplicated definition of 'service'");
          }
          seenService = true;
          if (isEmpty(value)) {
            sections.add(
                new Section("service", "", List.of(), List.of(), loc(t.getKeyNode()), "/service"));
          } else {
            sections.add(
                section("service", "", mapping(value, "service must be a map"), "/service"));
          }
        }
        case "pipeline" -> pipeline(value);
        case "plugins" -> plugins(t);
        case "extensions" -> {
          MappingNode m = isEmpty(value) ? null : mapping(value, "extensions must be a map");
          sections.add(
              m == null
                  ? new Section(
                      "extensions", "", List.of(), List.of(), loc(t.getKeyNode()), "/extensions")
                  : section("extensions", "", m, "/extensions"));
        }
        default -> {
          String kind = LISTS.get(key);
          if (kind != null) {
            list(kind, "/" + key, value);
          } else {
            sections.add(
                new Section(key, "", List.of(), List.of(), loc(t.getKeyNode()), "/" + key(t)));
          }
        }
      }
    }
  }

  private void env(Node value) {
    if (value instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        variables.add(
            new Property(
                key(t), valueText(t.getValueNode()), loc(t.getKeyNode()), "/env/" + key(t)));
      }
    } else if (value instanceof SequenceNode s) {
      for (Node item : s.getValue()) {
        MappingNode m = mapping(item, "env entries need name and value");
        String name = "";
        String val = "";
        for (NodeTuple t : m.getValue()) {
          if (key(t).equalsIgnoreCase("name")) {
            name = valueText(t.getValueNode());
          } else if (key(t).equalsIgnoreCase("value")) {
            val = valueText(t.getValueNode());
          }
        }
        variables.add(new Property(name, val, loc(item), "/env/" + name));
      }
    } else if (!isEmpty(value)) {
      throw error(value, "env must be a map or a list");
    }
  }

  private void includes(Node value) {
    if (value instanceof SequenceNode s) {
      for (Node item : s.getValue()) {
        includes.add(new Include(valueText(item), loc(item)));
      }
    } else if (value instanceof ScalarNode sc && !sc.getValue().isEmpty()) {
      includes.add(new Include(sc.getValue(), loc(value)));
    } else if (!isEmpty(value)) {
      throw error(value, "includes must be a list of paths");
    }
  }

  private void pipeline(Node value) {
    if (isEmpty(value)) {
      return;
    }
    MappingNode m = mapping(value, "pipeline must be a map");
    nodes.putIfAbsent("/pipeline", m);
    for (NodeTuple t : m.getValue()) {
      String key = key(t).toLowerCase(Locale.ROOT);
      switch (key) {
        case "inputs", "filters", "outputs" ->
            list(key.substring(0, key.length() - 1), "/pipeline/" + key, t.getValueNode());
        default ->
            sections.add(
                new Section(
                    key, "", List.of(), List.of(), loc(t.getKeyNode()), "/pipeline/" + key(t)));
      }
    }
  }

  private void plugins(NodeTuple t) {
    List<Property> props = new ArrayList<>();
    Node value = t.getValueNode();
    if (value instanceof SequenceNode s) {
      int i = 0;
      for (Node item : s.getValue()) {
        props.add(new Property("path", valueText(item), loc(item), "/plugins/" + i++));
      }
    } else if (!isEmpty(value)) {
      throw error(value, "plugins must be a list of paths");
    }
    sections.add(new Section("plugins", "", props, List.of(), loc(t.getKeyNode()), "/plugins"));
  }

  private void list(String kind, String collection, Node value) {
    if (isEmpty(value)) {
      return;
    }
    if (!(value instanceof SequenceNode s)) {
      throw error(
          value,
          "expected a list under '" + collection.substring(collection.lastIndexOf('/') + 1) + "'");
    }
    for (Node item : s.getValue()) {
      int n = counters.merge(collection, 1, Integer::sum) - 1;
      sections.add(
          section(
              kind, "", mapping(item, "each " + kind + " must be a map"), collection + "/" + n));
    }
  }

  private Section section(String kind, String argument, MappingNode m, String path) {
    nodes.put(path, m);
    List<Property> props = new ArrayList<>();
    List<Section> children = new ArrayList<>();
    for (NodeTuple t : m.getValue()) {
      String key = key(t);
      Node value = t.getValueNode();
      String childKind = NESTED.get(key.toLowerCase(Locale.ROOT));
      String keyPath = path + "/" + key;
      if (childKind != null && childKind.equals("processor") && value instanceof MappingNode pm) {
        for (NodeTuple signal : pm.getValue()) {
          if (signal.getValueNode() instanceof SequenceNode seq) {
            int i = 0;
            for (Node item : seq.getValue()) {
              String p = keyPath + "/" + key(signal) + "/" + i++;
              children.add(
                  section(
                      childKind, key(signal), mapping(item, "each processor must be a map"), p));
            }
          }
        }
      } else if (childKind != null && value instanceof SequenceNode seq && allMappings(seq)) {
        int i = 0;
        for (Node item : seq.getValue()) {
          children.add(section(childKind, "", (MappingNode) item, keyPath + "/" + i++));
        }
      } else if (value instanceof SequenceNode seq && allScalars(seq)) {
        int i = 0;
        for (Node item : seq.getValue()) {
          props.add(new Property(key, valueText(item), loc(item), keyPath + "/" + i++));
        }
      } else if (value instanceof MappingNode nested
          && (kind.equals("extensions") || kind.equals("extension"))) {
        children.add(section("extension", key, nested, keyPath));
      } else if (value instanceof ScalarNode sc) {
        props.add(new Property(key, sc.getValue(), loc(t.getKeyNode()), keyPath));
      } else {
        props.add(new Property(key, text.source(value), loc(t.getKeyNode()), keyPath, true));
      }
    }
    return new Section(kind, argument, props, children, loc(m), path);
  }

  private static boolean allMappings(SequenceNode s) {
    return s.getValue().stream().allMatch(n -> n instanceof MappingNode);
  }

  private static boolean allScalars(SequenceNode s) {
    return s.getValue().stream().allMatch(n -> n instanceof ScalarNode);
  }

  private static boolean isEmpty(Node n) {
    return n instanceof ScalarNode s && s.getValue().isEmpty();
  }

  private String key(NodeTuple t) {
    Node k = t.getKeyNode();
    if (k instanceof ScalarNode s) {
      return s.getValue();
    }
    throw error(k, "keys must be plain strings");
  }

  private String valueText(Node n) {
    return n instanceof ScalarNode s ? s.getValue() : text.source(n);
  }

  private MappingNode mapping(Node n, String message) {
    if (n instanceof MappingNode m) {
      return m;
    }
    throw error(n, message);
  }

  private Location loc(Node n) {
    return n.getStartMark()
        .map(m -> Location.of(file, m.getLine() + 1, m.getColumn() + 1))
        .orElse(Location.of(file, 1, 1));
  }

  private ConfigParseException error(Node n, String message) {
    return new ConfigParseException(loc(n), message);
  }
}
