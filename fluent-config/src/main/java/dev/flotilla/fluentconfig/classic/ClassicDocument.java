package dev.flotilla.fluentconfig.classic;

import dev.flotilla.fluentconfig.ConfigDocument;
import dev.flotilla.fluentconfig.ConfigFormat;
import dev.flotilla.fluentconfig.Location;
import dev.flotilla.fluentconfig.TextLines;
import dev.flotilla.fluentconfig.model.ConfigTree;
import java.util.ArrayList;
import java.util.List;

/** A Fluent Bit classic ({@code .conf}) file: its lines, exactly as read. */
public final class ClassicDocument implements ConfigDocument {
  private final String file;
  private final List<ClassicLine> lines;
  private final ClassicTree tree;

  private ClassicDocument(String file, List<ClassicLine> lines) {
    this.file = file;
    this.lines = List.copyOf(lines);
    this.tree = ClassicTree.build(file, this.lines);
  }

  public static ClassicDocument parse(String file, String text) {
    return new ClassicDocument(file, new ClassicParser(file).parse(text));
  }

  @Override
  public String file() {
    return file;
  }

  @Override
  public ConfigFormat format() {
    return ConfigFormat.FLUENT_BIT_CLASSIC;
  }

  public List<ClassicLine> lines() {
    return lines;
  }

  @Override
  public String render() {
    StringBuilder sb = new StringBuilder();
    for (ClassicLine l : lines) {
      sb.append(l.raw());
    }
    return sb.toString();
  }

  @Override
  public ConfigTree tree() {
    return tree.tree();
  }

  @Override
  public ClassicDocument withValue(String sectionPath, String key, String value) {
    if (!key.matches("[^\\s@\\[#]\\S*")
        || value.isBlank()
        || value.contains("\n")
        || value.contains("\r")) {
      throw new IllegalArgumentException(
          "classic cannot hold key '" + key + "' with value '" + value + "'");
    }
    ClassicTree.Span span = tree.span(sectionPath);
    List<String> copy = raws();
    for (int i = span.entries().size() - 1; i >= 0; i--) {
      int idx = span.entries().get(i);
      if (lines.get(idx) instanceof ClassicLine.Entry e && e.key().equalsIgnoreCase(key)) {
        String raw = e.raw();
        copy.set(idx, raw.substring(0, e.valueStart()) + value + raw.substring(e.valueEnd()));
        return reparse(copy);
      }
    }
    String indent = indentOf(span);
    String newline = TextLines.preferredNewline(render());
    int after = span.last();
    String last = copy.get(after);
    if (TextLines.terminator(last).isEmpty()) {
      copy.set(after, last + newline);
    }
    copy.add(after + 1, indent + key + " " + value + newline);
    return reparse(copy);
  }

  @Override
  public ClassicDocument withoutKey(String sectionPath, String key) {
    ClassicTree.Span span = tree.span(sectionPath);
    List<String> copy = raws();
    List<Integer> entries = span.entries();
    for (int i = entries.size() - 1; i >= 0; i--) {
      int idx = entries.get(i);
      if (lines.get(idx) instanceof ClassicLine.Entry e && e.key().equalsIgnoreCase(key)) {
        copy.remove(idx);
      }
    }
    return reparse(copy);
  }

  @Override
  public ClassicDocument withSection(
      String kind, String argument, java.util.Map<String, String> properties) {
    String text = render();
    String newline = TextLines.preferredNewline(text);
    StringBuilder sb = new StringBuilder(text);
    if (!text.isEmpty() && !text.endsWith("\n")) {
      sb.append(newline);
    }
    if (!text.isBlank()) {
      sb.append(newline);
    }
    sb.append(block(kind, properties, newline)).append(newline);
    return reparseText(sb.toString());
  }

  /**
   * Adds a section at the top level ({@code parentPath} {@code ""}, as {@link #withSection}), or a
   * {@code [NODE]} after the last node of the {@code [UPSTREAM]} at {@code parentPath}.
   */
  @Override
  public ClassicDocument withChildSection(
      String parentPath, String kind, String argument, java.util.Map<String, String> properties) {
    if (parentPath.isEmpty()) {
      return withSection(kind, argument, properties);
    }
    if (!kind.equalsIgnoreCase("node")) {
      throw new IllegalArgumentException(
          "classic sections sit at the top level; only a [NODE] goes inside another section, not"
              + " ["
              + kind.toUpperCase(java.util.Locale.ROOT)
              + "] inside "
              + parentPath);
    }
    String newline = TextLines.preferredNewline(render());
    return reparseText(blocks().addNode(parentPath, block(kind, properties, newline), newline));
  }

  /**
   * Reorders top-level sections among those of their kind ({@code parentPath} {@code ""}), or moves
   * a {@code [NODE]} to an {@code [UPSTREAM]}. The block is placed just before the index-th section
   * of its kind, or after the last one; an upstream moves with its nodes.
   */
  @Override
  public ClassicDocument withSectionMoved(String sectionPath, String parentPath, int index) {
    String moved = blocks().move(sectionPath, parentPath, index);
    return moved == null ? this : reparseText(moved);
  }

  private ClassicBlocks blocks() {
    return new ClassicBlocks(render(), lines, tree);
  }

  /** A header and its entries, aligned, indented like the file; no final newline. */
  private String block(String kind, java.util.Map<String, String> properties, String newline) {
    StringBuilder sb = new StringBuilder();
    sb.append('[').append(kind.toUpperCase(java.util.Locale.ROOT)).append(']');
    String indent = indentUnit();
    int width = properties.keySet().stream().mapToInt(String::length).max().orElse(0);
    for (var e : properties.entrySet()) {
      sb.append(newline).append(indent).append(e.getKey());
      sb.append(" ".repeat(width - e.getKey().length() + 1)).append(e.getValue());
    }
    return sb.toString();
  }

  /** The file's first indentation (tabs or spaces), which the parser holds every line to. */
  private String indentUnit() {
    for (ClassicLine l : lines) {
      if (l instanceof ClassicLine.Entry || l instanceof ClassicLine.Header) {
        int n = TextLines.leadingWhitespace(l.raw());
        if (n > 0) {
          return l.raw().substring(0, n);
        }
      }
    }
    return "    ";
  }

  @Override
  public ClassicDocument withoutSection(String sectionPath) {
    ClassicTree.Span span = tree.span(sectionPath);
    // Children (an upstream's [NODE]s) go too; their lines need not follow the header directly.
    List<ClassicTree.Span> spans = new ArrayList<>();
    spans.add(span);
    tree.tree().section(sectionPath).ifPresent(s -> collectChildren(s, spans));
    spans.sort((a, b) -> Integer.compare(b.header(), a.header()));
    List<String> copy = raws();
    for (ClassicTree.Span sp : spans) {
      if (sp.header() >= span.header() && sp.last() <= span.last() && sp != span) {
        continue;
      }
      copy.subList(sp.header(), sp.last() + 1).clear();
    }
    return reparse(copy);
  }

  private void collectChildren(
      dev.flotilla.fluentconfig.model.Section s, List<ClassicTree.Span> out) {
    for (var child : s.children()) {
      out.add(tree.span(child.path()));
      collectChildren(child, out);
    }
  }

  private String indentOf(ClassicTree.Span span) {
    for (int idx : span.entries()) {
      String raw = lines.get(idx).raw();
      return raw.substring(0, TextLines.leadingWhitespace(raw));
    }
    return "    ";
  }

  private List<String> raws() {
    List<String> raws = new ArrayList<>(lines.size());
    for (ClassicLine l : lines) {
      raws.add(l.raw());
    }
    return raws;
  }

  private ClassicDocument reparse(List<String> edited) {
    return reparseText(String.join("", edited));
  }

  private ClassicDocument reparseText(String text) {
    try {
      return parse(file, text);
    } catch (dev.flotilla.fluentconfig.ConfigParseException e) {
      throw new IllegalArgumentException("the edit does not fit here: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "ClassicDocument[" + file + ", " + lines.size() + " lines]";
  }

  static Location at(String file, ClassicLine line, int column) {
    return Location.of(file, line.number(), column);
  }
}
