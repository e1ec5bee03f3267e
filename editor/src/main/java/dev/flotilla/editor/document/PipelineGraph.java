package dev.flotilla.editor.document;

import dev.flotilla.fluentconfig.ConfigFormat;
import dev.flotilla.fluentconfig.lint.TagPatterns;
import dev.flotilla.fluentconfig.model.ConfigTree;
import dev.flotilla.fluentconfig.model.Property;
import dev.flotilla.fluentconfig.model.Section;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which inputs feed which filters and outputs, by tag and match, as the engines route records.
 * Fluent Bit: each tag passes every filter that selects it, in order, then every output that
 * selects it; {@code rewrite_tag} re-emits records under new tags from the start. Fluentd: a
 * source's events pass the filters of its label (or of the top level) in order, then the first
 * {@code <match>} that matches.
 */
public final class PipelineGraph {

  /** A segment on the graph. {@code column} is 0 for inputs, 1 for filters, 2 for outputs. */
  public record Node(String id, String kind, String plugin, String label, int column) {}

  public record Edge(String from, String to) {}

  public record Graph(List<Node> nodes, List<Edge> edges) {}

  private static final String ANY = "*";

  private final TagPatterns patterns = new TagPatterns();
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Set<Edge> edges = new LinkedHashSet<>();

  private PipelineGraph() {}

  public static Graph of(ConfigTree tree) {
    PipelineGraph g = new PipelineGraph();
    if (tree.format() == ConfigFormat.FLUENTD) {
      g.fluentd(tree);
    } else {
      g.fluentBit(tree);
    }
    return new Graph(List.copyOf(g.nodes.values()), List.copyOf(g.edges));
  }

  private void fluentBit(ConfigTree tree) {
    List<Section> inputs = tree.sections("input");
    List<Section> filters = tree.sections("filter");
    List<Section> outputs = tree.sections("output");
    int index = 0;
    for (Section in : inputs) {
      String name = in.value("name").orElse("input");
      String tag = in.value("tag").orElse(name + "." + index++);
      node(in, 0, tag);
    }
    filters.forEach(f -> node(f, 1, matchLabel(f)));
    outputs.forEach(o -> node(o, 2, matchLabel(o)));
    for (Section in : inputs) {
      route(in, nodes.get(in.path()).label(), filters, outputs);
    }
    for (Section f : filters) {
      if (f.value("name").orElse("").equalsIgnoreCase("rewrite_tag")) {
        for (Property rule : f.all("rule")) {
          String[] parts = rule.value().strip().split("\\s+");
          route(f, parts.length >= 3 && !parts[2].contains("$") ? parts[2] : ANY, filters, outputs);
        }
      }
    }
  }

  private void route(Section from, String tag, List<Section> filters, List<Section> outputs) {
    String previous = from.path();
    for (Section f : filters) {
      if (f != from && fluentBitSelects(f, tag)) {
        edges.add(new Edge(previous, f.path()));
        previous = f.path();
      }
    }
    for (Section o : outputs) {
      if (fluentBitSelects(o, tag)) {
        edges.add(new Edge(previous, o.path()));
      }
    }
  }

  private boolean fluentBitSelects(Section s, String tag) {
    boolean unknown = tag.equals(ANY) || tag.contains("${");
    Optional<String> match = s.value("match");
    if (match.isPresent()) {
      return unknown || patterns.fluentBitSelects(match.get(), tag);
    }
    Optional<String> regex = s.value("match_regex");
    if (regex.isPresent()) {
      if (unknown) {
        return true;
      }
      // invalid or too complex to decide: drawn as not selecting; lint reports why
      return patterns.fluentBitRegexFinds(regex.get(), tag).orElse(false);
    }
    return false;
  }

  private static String matchLabel(Section s) {
    return s.value("match").or(() -> s.value("match_regex").map(r -> "~" + r)).orElse("(no match)");
  }

  private void fluentd(ConfigTree tree) {
    List<Section> root = new ArrayList<>();
    Map<String, List<Section>> labels = new LinkedHashMap<>();
    for (Section s : tree.sections()) {
      collect(s, root, labels);
    }
    List<Section> sources = new ArrayList<>();
    for (Section s : root) {
      if (s.kind().equals("source")) {
        sources.add(s);
        node(s, 0, s.value("tag").orElse("(tag from sender)"));
      }
    }
    List<List<Section>> scopes = new ArrayList<>(labels.values());
    scopes.add(root);
    for (List<Section> scope : scopes) {
      for (Section s : scope) {
        switch (s.kind()) {
          case "filter" -> node(s, 1, patternOf(s));
          case "match" -> node(s, 2, patternOf(s));
          default -> {}
        }
      }
    }
    for (Section src : sources) {
      Optional<String> label = src.value("@label");
      List<Section> scope = label.map(l -> labels.getOrDefault(l, List.of())).orElse(root);
      fluentdRoute(src.path(), src.value("tag").orElse(null), scope);
    }
    // relabel and any output with @label hand events to that label
    for (List<Section> scope : scopes) {
      for (Section m : scope) {
        if (m.kind().equals("match") && m.value("@label").isPresent()) {
          fluentdRoute(m.path(), null, labels.getOrDefault(m.value("@label").get(), List.of()));
        }
      }
    }
  }

  private void collect(Section s, List<Section> root, Map<String, List<Section>> labels) {
    switch (s.kind()) {
      case "label" -> {
        List<Section> scope = labels.computeIfAbsent(s.argument().strip(), k -> new ArrayList<>());
        s.children().stream()
            .filter(c -> c.kind().equals("filter") || c.kind().equals("match"))
            .forEach(scope::add);
      }
      case "worker" -> s.children().forEach(c -> collect(c, root, labels));
      default -> root.add(s);
    }
  }

  /** {@code tag} null means unknown: the events may take any route of the scope. */
  private void fluentdRoute(String from, String tag, List<Section> scope) {
    String previous = from;
    for (Section f : scope) {
      if (f.kind().equals("filter") && (tag == null || fluentdMatches(f, tag))) {
        edges.add(new Edge(previous, f.path()));
        if (tag != null) {
          previous = f.path();
        }
      }
    }
    for (Section m : scope) {
      if (m.kind().equals("match") && (tag == null || fluentdMatches(m, tag))) {
        edges.add(new Edge(previous, m.path()));
        if (tag != null) {
          return; // the first match takes the event
        }
      }
    }
  }

  private boolean fluentdMatches(Section s, String tag) {
    return patterns.fluentdMatches(patternOf(s), tag);
  }

  private static String patternOf(Section s) {
    return s.argument().isBlank() ? "**" : s.argument().strip();
  }

  private void node(Section s, int column, String label) {
    String plugin = s.value("name").or(() -> s.value("@type")).orElse("");
    nodes.put(s.path(), new Node(s.path(), s.kind(), plugin, label, column));
  }
}
