package dev.flotilla.fluentconfig.classic;

import dev.flotilla.fluentconfig.ConfigFormat;
import dev.flotilla.fluentconfig.Location;
import dev.flotilla.fluentconfig.model.ConfigTree;
import dev.flotilla.fluentconfig.model.FluentBitSections;
import dev.flotilla.fluentconfig.model.Include;
import dev.flotilla.fluentconfig.model.Property;
import dev.flotilla.fluentconfig.model.Section;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the structured view of classic lines and remembers which lines make up each section. */
final class ClassicTree {

  /** Line indexes of a section: its header, its entries, and the last line it owns. */
  record Span(int header, List<Integer> entries, int last) {}

  private final ConfigTree tree;
  private final Map<String, Span> spans;

  private ClassicTree(ConfigTree tree, Map<String, Span> spans) {
    this.tree = tree;
    this.spans = spans;
  }

  ConfigTree tree() {
    return tree;
  }

  Span span(String path) {
    Span s = spans.get(path);
    if (s == null) {
      throw new IllegalArgumentException("no section at " + path);
    }
    return s;
  }

  private static final class Builder {
    final String kind;
    final Location location;
    final String path;
    final int header;
    final List<Property> properties = new ArrayList<>();
    final List<Builder> children = new ArrayList<>();
    final List<Integer> entries = new ArrayList<>();
    int last;

    Builder(String kind, Location location, String path, int header) {
      this.kind = kind;
      this.location = location;
      this.path = path;
      this.header = header;
      this.last = header;
    }

    Section build(Map<String, Span> spans) {
      spans.put(path, new Span(header, List.copyOf(entries), last));
      List<Section> kids = new ArrayList<>();
      for (Builder c : children) {
        kids.add(c.build(spans));
      }
      return new Section(kind, "", properties, kids, location, path);
    }
  }

  static ClassicTree build(String file, List<ClassicLine> lines) {
    List<Builder> top = new ArrayList<>();
    List<Include> includes = new ArrayList<>();
    List<Property> variables = new ArrayList<>();
    Map<String, Integer> counters = new HashMap<>();
    Builder section = null;
    Builder group = null;
    Builder upstream = null;
    for (int i = 0; i < lines.size(); i++) {
      ClassicLine line = lines.get(i);
      switch (line) {
        case ClassicLine.Header h -> {
          if (h.group()) {
            String kind = h.name().toLowerCase(Locale.ROOT);
            long same = section.children.stream().filter(c -> c.kind.equals(kind)).count();
            String path = section.path + "/" + kind + "/" + same;
            group = new Builder(kind, ClassicDocument.at(file, h, 1), path, i);
            section.children.add(group);
            section.last = i;
          } else {
            String kind = h.name().toLowerCase(Locale.ROOT);
            Location loc = ClassicDocument.at(file, h, 1);
            if (kind.equals("node") && upstream != null) {
              String path = upstream.path + "/nodes/" + upstream.children.size();
              section = new Builder(kind, loc, path, i);
              upstream.children.add(section);
            } else {
              int n = counters.merge(kind, 1, Integer::sum) - 1;
              section = new Builder(kind, loc, FluentBitSections.path(kind, n), i);
              top.add(section);
              if (kind.equals("upstream")) {
                upstream = section;
              }
            }
            group = null;
          }
        }
        case ClassicLine.Entry e -> {
          Builder target = group != null && isDeeper(e, lines, group) ? group : section;
          if (target == section) {
            group = null;
          }
          Location loc = ClassicDocument.at(file, e, e.keyColumn());
          target.properties.add(new Property(e.key(), e.value(), loc, target.path + "/" + e.key()));
          target.entries.add(i);
          target.last = i;
          section.last = i;
        }
        case ClassicLine.Include inc -> {
          includes.add(new Include(inc.path(), ClassicDocument.at(file, inc, 1)));
        }
        case ClassicLine.SetVariable set ->
            variables.add(
                new Property(
                    set.name(),
                    set.value(),
                    ClassicDocument.at(file, set, 1),
                    "/env/" + set.name()));
        case ClassicLine.Blank b -> {}
        case ClassicLine.Comment c -> {}
      }
    }
    Map<String, Span> spans = new LinkedHashMap<>();
    List<Section> sections = new ArrayList<>();
    for (Builder b : top) {
      sections.add(b.build(spans));
    }
    return new ClassicTree(
        new ConfigTree(file, ConfigFormat.FLUENT_BIT_CLASSIC, sections, includes, variables),
        spans);
  }

  /** An entry belongs to the open group when it is indented deeper than the group header. */
  private static boolean isDeeper(ClassicLine.Entry e, List<ClassicLine> lines, Builder group) {
    String header = lines.get(group.header).raw();
    int headerIndent = leading(header);
    return leading(e.raw()) > headerIndent;
  }

  private static int leading(String raw) {
    int i = 0;
    while (i < raw.length() && (raw.charAt(i) == ' ' || raw.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }
}
