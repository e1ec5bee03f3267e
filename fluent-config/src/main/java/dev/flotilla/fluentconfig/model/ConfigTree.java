package dev.flotilla.fluentconfig.model;

import dev.flotilla.fluentconfig.ConfigFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The structured view of one file: its sections in file order, its includes and its variables
 * ({@code @SET}, YAML {@code env}).
 */
public record ConfigTree(
    String file,
    ConfigFormat format,
    List<Section> sections,
    List<Include> includes,
    List<Property> variables) {

  public ConfigTree {
    sections = List.copyOf(sections);
    includes = List.copyOf(includes);
    variables = List.copyOf(variables);
  }

  public List<Section> sections(String kind) {
    return sections.stream().filter(s -> s.kind().equals(kind)).toList();
  }

  /** Every section, depth first, children after their parent. */
  public List<Section> allSections() {
    List<Section> out = new ArrayList<>();
    for (Section s : sections) {
      collect(s, out);
    }
    return out;
  }

  public Optional<Section> section(String path) {
    return allSections().stream().filter(s -> s.path().equals(path)).findFirst();
  }

  /** The section that holds the one at {@code path}; empty for a top-level or unknown path. */
  public Optional<Section> parent(String path) {
    return allSections().stream()
        .filter(s -> s.children().stream().anyMatch(c -> c.path().equals(path)))
        .findFirst();
  }

  private static void collect(Section s, List<Section> out) {
    out.add(s);
    for (Section c : s.children()) {
      collect(c, out);
    }
  }
}
