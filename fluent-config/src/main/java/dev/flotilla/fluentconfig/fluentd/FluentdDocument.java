package dev.flotilla.fluentconfig.fluentd;

import dev.flotilla.fluentconfig.ConfigDocument;
import dev.flotilla.fluentconfig.ConfigFormat;
import dev.flotilla.fluentconfig.Location;
import dev.flotilla.fluentconfig.TextLines;
import dev.flotilla.fluentconfig.model.ConfigTree;
import dev.flotilla.fluentconfig.model.Include;
import dev.flotilla.fluentconfig.model.Property;
import dev.flotilla.fluentconfig.model.Section;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Fluentd {@code .conf} file: its elements, exactly as read. */
public final class FluentdDocument implements ConfigDocument {
  private final String file;
  private final List<FluentdElement> elements;
  private final ConfigTree tree;
  private final Map<String, Span> spans = new LinkedHashMap<>();

  /** Element indexes of a directive: its opening tag, its parameters and its closing tag. */
  record Span(int open, List<Integer> params, int close) {}

  private FluentdDocument(String file, List<FluentdElement> elements) {
    this.file = file;
    this.elements = List.copyOf(elements);
    this.tree = build();
  }

  public static FluentdDocument parse(String file, String text) {
    return new FluentdDocument(file, new FluentdParser(file, text).parse());
  }

  public List<FluentdElement> elements() {
    return elements;
  }

  @Override
  public String file() {
    return file;
  }

  @Override
  public ConfigFormat format() {
    return ConfigFormat.FLUENTD;
  }

  @Override
  public String render() {
    StringBuilder sb = new StringBuilder();
    for (FluentdElement e : elements) {
      sb.append(e.raw());
    }
    return sb.toString();
  }

  @Override
  public ConfigTree tree() {
    return tree;
  }

  @Override
  public FluentdDocument withValue(String sectionPath, String key, String value) {
    if (!key.matches("[^\\s<#]\\S*") || key.equals("@include")) {
      throw new IllegalArgumentException("Fluentd cannot hold key '" + key + "'");
    }
    Span span = span(sectionPath);
    List<String> raws = raws();
    String written = quote(value);
    for (int i = span.params().size() - 1; i >= 0; i--) {
      int idx = span.params().get(i);
      if (elements.get(idx) instanceof FluentdElement.Param p && p.key().equals(key)) {
        String raw = p.raw();
        raws.set(idx, raw.substring(0, p.valueStart()) + written + raw.substring(p.valueEnd()));
        return reparse(raws);
      }
    }
    String indent;
    if (!span.params().isEmpty()) {
      String first = elements.get(span.params().get(0)).raw();
      indent = first.substring(0, TextLines.leadingWhitespace(first));
    } else {
      String open = elements.get(span.open()).raw();
      indent = open.substring(0, TextLines.leadingWhitespace(open)) + "  ";
    }
    String newline = TextLines.preferredNewline(render());
    raws.add(span.close(), indent + key + " " + written + newline);
    return reparse(raws);
  }

  @Override
  public FluentdDocument withoutKey(String sectionPath, String key) {
    Span span = span(sectionPath);
    List<String> raws = raws();
    for (int i = span.params().size() - 1; i >= 0; i--) {
      int idx = span.params().get(i);
      if (elements.get(idx) instanceof FluentdElement.Param p && p.key().equals(key)) {
        raws.remove(idx);
      }
    }
    return reparse(raws);
  }

  @Override
  public FluentdDocument withSection(
      String kind, String argument, java.util.Map<String, String> properties) {
    String text = render();
    String newline = TextLines.preferredNewline(text);
    List<String> raws = raws();
    StringBuilder sb = new StringBuilder();
    if (!text.isEmpty() && !text.endsWith("\n")) {
      sb.append(newline);
    }
    if (!text.isBlank()) {
      sb.append(newline);
    }
    sb.append('<').append(kind);
    if (argument != null && !argument.isBlank()) {
      sb.append(' ').append(argument.strip());
    }
    sb.append('>').append(newline);
    for (var e : properties.entrySet()) {
      sb.append("  ").append(e.getKey()).append(' ').append(quote(e.getValue())).append(newline);
    }
    sb.append("</").append(kind).append('>').append(newline);
    raws.add(sb.toString());
    return reparse(raws);
  }

  @Override
  public FluentdDocument withoutSection(String sectionPath) {
    Span span = span(sectionPath);
    List<String> raws = raws();
    boolean last = TextLines.terminator(raws.get(span.close())).isEmpty();
    raws.subList(span.open(), span.close() + 1).clear();
    if (last && span.open() > 0) {
      // The last line had no terminator: the line that becomes last loses its own.
      String before = raws.get(span.open() - 1);
      raws.set(span.open() - 1, TextLines.content(before));
    }
    return reparse(raws);
  }

  /**
   * Adds a directive inside the one at {@code parentPath} ({@code ""}: at the end of the file, as
   * {@link #withSection}), after the last directive of its name there, indented like its siblings.
   */
  @Override
  public FluentdDocument withChildSection(
      String parentPath, String kind, String argument, Map<String, String> properties) {
    if (parentPath.isEmpty()) {
      return withSection(kind, argument, properties);
    }
    String arg = argument == null ? "" : argument;
    return reparse(List.of(blocks().add(parentPath, kind, arg, properties)));
  }

  /**
   * Moves a directive among its siblings of the same name, or into another container: a {@code
   * source}, {@code filter}, {@code match} or {@code label} between the top level, a {@code label}
   * and a {@code worker} where Fluentd allows it, any other directive to another directive.
   */
  @Override
  public FluentdDocument withSectionMoved(String sectionPath, String parentPath, int index) {
    String moved = blocks().move(sectionPath, parentPath, index);
    return moved == null ? this : reparse(List.of(moved));
  }

  private FluentdBlocks blocks() {
    return new FluentdBlocks(render(), elements, spans, tree);
  }

  /** Double-quotes a value that would not read back unchanged when written bare. */
  static String quote(String value) {
    boolean bare =
        !value.isEmpty()
            && value.equals(value.strip())
            && !value.contains(" #")
            && !value.contains("\t#")
            && !value.contains("\n")
            && "\"'[{".indexOf(value.charAt(0)) < 0;
    if (bare) {
      return value;
    }
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  private FluentdDocument reparse(List<String> raws) {
    try {
      return parse(file, String.join("", raws));
    } catch (dev.flotilla.fluentconfig.ConfigParseException e) {
      throw new IllegalArgumentException("the edit does not fit here: " + e.getMessage(), e);
    }
  }

  private List<String> raws() {
    List<String> raws = new ArrayList<>(elements.size());
    for (FluentdElement e : elements) {
      raws.add(e.raw());
    }
    return raws;
  }

  private Span span(String path) {
    Span s = spans.get(path);
    if (s == null) {
      throw new IllegalArgumentException("no section at " + path);
    }
    return s;
  }

  private final class Builder {
    final FluentdElement.Open open;
    final int openIndex;
    final String path;
    final List<Property> properties = new ArrayList<>();
    final List<Integer> params = new ArrayList<>();
    final List<Builder> children = new ArrayList<>();
    final Map<String, Integer> counters = new HashMap<>();
    int close;

    Builder(FluentdElement.Open open, int openIndex, String path) {
      this.open = open;
      this.openIndex = openIndex;
      this.path = path;
    }

    Section build() {
      spans.put(path, new Span(openIndex, List.copyOf(params), close));
      List<Section> kids = children.stream().map(Builder::build).toList();
      Location loc = Location.of(file, open.line(), 1);
      return new Section(open.name(), open.argument(), properties, kids, loc, path);
    }
  }

  private ConfigTree build() {
    List<Builder> top = new ArrayList<>();
    Map<String, Integer> topCounters = new HashMap<>();
    List<Include> includes = new ArrayList<>();
    Deque<Builder> stack = new ArrayDeque<>();
    for (int i = 0; i < elements.size(); i++) {
      switch (elements.get(i)) {
        case FluentdElement.Open o -> {
          Builder parent = stack.peek();
          Map<String, Integer> counters = parent == null ? topCounters : parent.counters;
          int n = counters.merge(o.name(), 1, Integer::sum) - 1;
          String prefix = parent == null ? "" : parent.path;
          Builder b = new Builder(o, i, prefix + "/" + o.name() + "/" + n);
          if (parent == null) {
            top.add(b);
          } else {
            parent.children.add(b);
          }
          stack.push(b);
        }
        case FluentdElement.Close c -> stack.pop().close = i;
        case FluentdElement.Param p -> {
          if (stack.isEmpty()) {
            continue;
          }
          Builder b = stack.peek();
          Location loc = Location.of(file, p.line(), p.column());
          b.properties.add(new Property(p.key(), p.unquoted(), loc, b.path + "/" + p.key()));
          b.params.add(i);
        }
        case FluentdElement.Include inc ->
            includes.add(new Include(inc.path(), Location.of(file, inc.line(), 1)));
        case FluentdElement.Blank b -> {}
        case FluentdElement.Comment c -> {}
      }
    }
    List<Section> sections = top.stream().map(Builder::build).toList();
    return new ConfigTree(file, ConfigFormat.FLUENTD, sections, includes, List.of());
  }

  @Override
  public String toString() {
    return "FluentdDocument[" + file + ", " + elements.size() + " elements]";
  }
}
