package dev.flotilla.editor.schema;

import dev.flotilla.fluentconfig.ConfigFormat;
import dev.flotilla.fluentconfig.model.ConfigTree;
import dev.flotilla.fluentconfig.model.Section;
import dev.flotilla.fluentconfig.schema.SchemaCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the editor knows about segments: which schema documents describe one, and which kinds of
 * segment may be added at the top level or inside another, per format.
 */
public final class SegmentKinds {
  private static final Set<String> FLUENT_BIT_PLUGINS =
      Set.of("input", "filter", "output", "custom");
  private static final Set<String> FLUENTD_PLUGINS = Set.of("source", "filter", "match");

  private SegmentKinds() {}

  /** The schema documents for a segment's options; empty for an unknown plugin or kind. */
  public static Optional<SchemaRef> resolve(SchemaCatalog catalog, ConfigFormat format, Section s) {
    String kind = s.kind();
    if (format.isFluentBit()) {
      if (FLUENT_BIT_PLUGINS.contains(kind)) {
        return s.value("name")
            .flatMap(n -> catalog.document(kind, n))
            .map(d -> new SchemaRef(kind, d.name(), global(catalog, kind)));
      }
      if (kind.equals("processor")) {
        Optional<String> name = s.value("name");
        if (name.isEmpty()) {
          return Optional.empty();
        }
        String section =
            catalog.document("processor", name.get()).isPresent() ? "processor" : "filter";
        return catalog
            .document(section, name.get())
            .map(d -> new SchemaRef(section, d.name(), global(catalog, "processor")));
      }
      return catalog.document(kind, kind).map(d -> new SchemaRef(kind, kind, null));
    }
    if (FLUENTD_PLUGINS.contains(kind)) {
      return s.value("@type")
          .flatMap(t -> catalog.document(kind, t))
          .map(d -> new SchemaRef(kind, d.name(), null));
    }
    return catalog.document(kind, kind).map(d -> new SchemaRef(kind, kind, null));
  }

  private static String global(SchemaCatalog catalog, String kind) {
    return catalog.document("global", kind).isPresent() ? kind : null;
  }

  /** Kinds that may be added at the top level of this file. */
  public static List<String> topKinds(ConfigFormat format, ConfigTree tree) {
    List<String> kinds = new ArrayList<>();
    boolean hasService = !tree.sections(format.isFluentBit() ? "service" : "system").isEmpty();
    switch (format) {
      case FLUENT_BIT_CLASSIC -> {
        boolean pipeline =
            tree.sections().stream().anyMatch(s -> FLUENT_BIT_PLUGINS.contains(s.kind()));
        boolean parsers =
            tree.sections().stream()
                .anyMatch(s -> s.kind().equals("parser") || s.kind().equals("multiline_parser"));
        // a classic main file may not hold parsers; a parsers file holds nothing else
        if (!parsers || pipeline) {
          if (!hasService) {
            kinds.add("service");
          }
          kinds.addAll(List.of("input", "filter", "output", "custom"));
        }
        if (parsers || !pipeline) {
          kinds.addAll(List.of("parser", "multiline_parser"));
        }
      }
      case FLUENT_BIT_YAML -> {
        if (!hasService) {
          kinds.add("service");
        }
        kinds.addAll(List.of("input", "filter", "output", "parser", "multiline_parser"));
      }
      case FLUENTD -> {
        kinds.addAll(List.of("source", "filter", "match", "label"));
        if (!hasService) {
          kinds.add("system");
        }
        kinds.add("worker");
      }
    }
    return kinds;
  }

  /** Kinds that may be added inside a segment. */
  public static List<String> childKinds(ConfigFormat format, Section s) {
    return switch (format) {
      case FLUENT_BIT_CLASSIC -> List.of();
      case FLUENT_BIT_YAML ->
          s.kind().equals("input") || s.kind().equals("output") ? List.of("processor") : List.of();
      case FLUENTD ->
          switch (s.kind()) {
            case "label" -> List.of("filter", "match");
            case "worker" -> List.of("source", "filter", "match", "label");
            case "source" -> List.of("parse");
            case "filter" -> List.of("parse", "format", "record");
            case "match" -> List.of("buffer", "format", "store", "server", "secondary");
            case "store" -> List.of("buffer", "format");
            default -> List.of();
          };
    };
  }
}
