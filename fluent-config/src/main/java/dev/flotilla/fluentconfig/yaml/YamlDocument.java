package dev.flotilla.fluentconfig.yaml;

import dev.flotilla.fluentconfig.ConfigDocument;
import dev.flotilla.fluentconfig.ConfigFormat;
import dev.flotilla.fluentconfig.ConfigParseException;
import dev.flotilla.fluentconfig.Location;
import dev.flotilla.fluentconfig.TextLines;
import dev.flotilla.fluentconfig.model.ConfigTree;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * A Fluent Bit YAML file. The source text is the document; the node tree only locates things, so
 * rendering is exact and edits splice new text into the old.
 */
public final class YamlDocument implements ConfigDocument {
  private final String file;
  private final YamlText text;
  private final ConfigTree tree;
  private final Map<String, MappingNode> nodes;
  private final Node root;

  private YamlDocument(String file, YamlText text, Node root, YamlTree.Result result) {
    this.file = file;
    this.text = text;
    this.root = root;
    this.tree = result.tree();
    this.nodes = result.nodes();
  }

  public static YamlDocument parse(String file, String source) {
    YamlText text = new YamlText(source);
    Node root = compose(file, source);
    return new YamlDocument(file, text, root, YamlTree.build(file, text, root));
  }

  private static Node compose(String file, String source) {
    // Fluent Bit accepts a repeated key (it is how repeatable properties are written).
    LoadSettings settings =
        LoadSettings.builder().setLabel(file).setAllowDuplicateKeys(true).build();
    try {
      StreamReader reader = new StreamReader(settings, source);
      Parser parser = new DepthLimitedParser(file, new ParserImpl(settings, reader));
      return new Composer(settings, parser).getSingleNode().orElse(null);
    } catch (ConfigParseException e) {
      throw e;
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
      Location loc =
          mark.map(m -> Location.of(file, m.getLine() + 1, m.getColumn() + 1))
              .orElse(Location.of(file, 1, 1));
      String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
      throw new ConfigParseException(loc, "invalid YAML: " + problem, e);
    } catch (RuntimeException | StackOverflowError e) {
      throw new ConfigParseException(Location.of(file, 1, 1), "invalid YAML: " + e.getMessage(), e);
    }
  }

  @Override
  public String file() {
    return file;
  }

  @Override
  public ConfigFormat format() {
    return ConfigFormat.FLUENT_BIT_YAML;
  }

  @Override
  public String render() {
    return text.text();
  }

  @Override
  public ConfigTree tree() {
    return tree;
  }

  @Override
  public YamlDocument withValue(String sectionPath, String key, String value) {
    if (!key.matches("[A-Za-z0-9_$][A-Za-z0-9_.$@-]*")) {
      throw new IllegalArgumentException("not a plain YAML key: '" + key + "'");
    }
    MappingNode m = node(sectionPath);
    String src = text.text();
    NodeTuple found = null;
    for (NodeTuple t : m.getValue()) {
      if (key.equalsIgnoreCase(YamlText.scalarValue(t.getKeyNode()))) {
        found = t;
      }
    }
    String scalar = YamlText.scalar(value);
    if (found != null) {
      Node v = found.getValueNode();
      int start = text.start(v);
      int end = text.end(v);
      int keyEnd = text.end(found.getKeyNode());
      if (start < keyEnd) {
        // An alias: its node is the anchored one, earlier in the file. Replace the alias token.
        start = src.indexOf(':', keyEnd) + 1;
        while (start < src.length() && (src.charAt(start) == ' ' || src.charAt(start) == '\t')) {
          start++;
        }
        end = start;
        while (end < src.length()
            && !Character.isWhitespace(src.charAt(end))
            && src.charAt(end) != ','
            && src.charAt(end) != '}') {
          end++;
        }
      }
      if (start == end) {
        scalar = " " + scalar;
      }
      return reparse(src.substring(0, start) + scalar + src.substring(end));
    }
    if (m.getFlowStyle() == org.snakeyaml.engine.v2.common.FlowStyle.FLOW) {
      int close = text.end(m) - 1;
      String sep = m.getValue().isEmpty() ? "" : ", ";
      return reparse(src.substring(0, close) + sep + key + ": " + scalar + src.substring(close));
    }
    if (m.getValue().isEmpty()) {
      throw new IllegalArgumentException("cannot add to an empty block map at " + sectionPath);
    }
    int column = m.getValue().get(0).getKeyNode().getStartMark().map(Mark::getColumn).orElse(0);
    int leafEnd = text.blockEnd(m);
    int nl = src.indexOf('\n', Math.max(0, leafEnd - 1));
    String newline = TextLines.preferredNewline(src);
    String line = " ".repeat(column) + key + ": " + scalar + newline;
    if (nl < 0) {
      return reparse(src + newline + line.substring(0, line.length() - newline.length()));
    }
    return reparse(src.substring(0, nl + 1) + line + src.substring(nl + 1));
  }

  /**
   * Adds {@code key:} holding a block map of {@code values} to the block map at {@code
   * sectionPath}, or, with a null path, to the top level of the file.
   */
  public YamlDocument withMap(
      String sectionPath, String key, java.util.Map<String, String> values) {
    String src = text.text();
    String newline = TextLines.preferredNewline(src);
    int column = 0;
    int at = src.length();
    if (sectionPath != null) {
      MappingNode m = node(sectionPath);
      if (m.getValue().isEmpty()
          || m.getFlowStyle() == org.snakeyaml.engine.v2.common.FlowStyle.FLOW) {
        throw new IllegalArgumentException("cannot add a map to " + sectionPath);
      }
      column = m.getValue().get(0).getKeyNode().getStartMark().map(Mark::getColumn).orElse(0);
      int nl = src.indexOf('\n', Math.max(0, text.blockEnd(m) - 1));
      at = nl < 0 ? src.length() : nl + 1;
    }
    StringBuilder block = new StringBuilder();
    if (at == src.length() && !src.isEmpty() && !src.endsWith("\n")) {
      block.append(newline);
    }
    block.append(" ".repeat(column)).append(key).append(":").append(newline);
    for (var e : values.entrySet()) {
      block.append(" ".repeat(column + 2)).append(e.getKey()).append(": ");
      block.append(YamlText.scalar(e.getValue())).append(newline);
    }
    return reparse(src.substring(0, at) + block + src.substring(at));
  }

  @Override
  public YamlDocument withSection(String kind, String argument, Map<String, String> properties) {
    String src = text.text();
    String nl = TextLines.preferredNewline(src);
    String k = kind.toLowerCase(java.util.Locale.ROOT);
    if (k.equals("service")) {
      if (tree.section("/service").isPresent()) {
        throw new IllegalArgumentException("the file already has a service section");
      }
      return append(src, "service:" + nl + entries(properties, 2, nl));
    }
    return reparse(lists().addTopLevel(k, properties));
  }

  /**
   * Adds a processor (kind {@code processor}, argument its signal) to an input, filter or output, a
   * node to an upstream or a rule to a multiline parser, creating the list's keys when missing;
   * {@code ""} adds at the top level as {@link #withSection}.
   */
  @Override
  public YamlDocument withChildSection(
      String parentPath, String kind, String argument, Map<String, String> properties) {
    if (parentPath.isEmpty()) {
      return withSection(kind, argument, properties);
    }
    return reparse(lists().addChild(parentPath, kind, argument, properties));
  }

  /**
   * Moves a list item within its list ({@code parentPath} {@code ""} for inputs, filters, outputs,
   * parsers, …), or a processor, node or rule to another section's list of the same name (and
   * signal), re-indented to its new depth.
   */
  @Override
  public YamlDocument withSectionMoved(String sectionPath, String parentPath, int index) {
    String moved = lists().move(sectionPath, parentPath, index);
    return moved == null ? this : reparse(moved);
  }

  /**
   * Removes a block list item's lines; the last item of a nested list takes the list's key (and an
   * emptied {@code processors:}) along, so the file stays one Fluent Bit reads.
   */
  @Override
  public YamlDocument withoutSection(String sectionPath) {
    MappingNode m = node(sectionPath);
    if (!sectionPath.matches(".*/\\d+")
        || m.getFlowStyle() == org.snakeyaml.engine.v2.common.FlowStyle.FLOW) {
      throw new IllegalArgumentException("only block list items can be removed: " + sectionPath);
    }
    return reparse(lists().remove(sectionPath));
  }

  private YamlLists lists() {
    return new YamlLists(text, root, tree, nodes);
  }

  private YamlDocument append(String src, String block) {
    String nl = TextLines.preferredNewline(src);
    String sep = src.isEmpty() || src.endsWith("\n") ? "" : nl;
    return reparse(src + sep + block);
  }

  private static String entries(Map<String, String> properties, int column, String nl) {
    StringBuilder sb = new StringBuilder();
    for (var e : properties.entrySet()) {
      sb.append(" ".repeat(column)).append(e.getKey()).append(": ");
      sb.append(YamlText.scalar(e.getValue())).append(nl);
    }
    return sb.toString();
  }

  @Override
  public YamlDocument withoutKey(String sectionPath, String key) {
    String src = text.text();
    List<NodeTuple> tuples = node(sectionPath).getValue();
    for (int i = tuples.size() - 1; i >= 0; i--) {
      NodeTuple t = tuples.get(i);
      if (key.equalsIgnoreCase(YamlText.scalarValue(t.getKeyNode()))) {
        int start = src.lastIndexOf('\n', Math.max(0, text.start(t.getKeyNode()) - 1)) + 1;
        int leafEnd = Math.max(text.end(t.getKeyNode()), text.blockEnd(t.getValueNode()));
        int nl = src.indexOf('\n', Math.max(0, leafEnd - 1));
        int end = nl < 0 ? src.length() : nl + 1;
        src = src.substring(0, start) + src.substring(end);
      }
    }
    return reparse(src);
  }

  private MappingNode node(String path) {
    MappingNode m = nodes.get(path);
    if (m == null) {
      throw new IllegalArgumentException("no section at " + path);
    }
    return m;
  }

  private YamlDocument reparse(String source) {
    try {
      return parse(file, source);
    } catch (ConfigParseException e) {
      throw new IllegalArgumentException("the edit does not fit here: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "YamlDocument[" + file + "]";
  }
}
