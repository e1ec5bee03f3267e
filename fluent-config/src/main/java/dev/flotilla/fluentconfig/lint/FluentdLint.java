package dev.flotilla.fluentconfig.lint;

import dev.flotilla.fluentconfig.Severity;
import dev.flotilla.fluentconfig.load.LoadedConfig;
import dev.flotilla.fluentconfig.load.LoadedFile;
import dev.flotilla.fluentconfig.model.Property;
import dev.flotilla.fluentconfig.model.Section;
import dev.flotilla.fluentconfig.schema.OptionSchema;
import dev.flotilla.fluentconfig.schema.PluginSchema;
import dev.flotilla.fluentconfig.schema.SchemaCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a Fluentd config. Fluentd only warns about unknown parameters and third-party plugins are
 * common, so unknown plugins and keys are warnings; labels, ids, ports and values are errors.
 */
final class FluentdLint {
  private static final Set<String> TOP =
      Set.of("source", "match", "filter", "label", "system", "worker");
  private static final Set<String> ANY_TAG_SOURCES =
      Set.of("forward", "http", "unix", "exec", "tcp", "udp", "syslog");

  private final SchemaCatalog catalog;
  private final Reporter out;
  private final TagPatterns patterns = new TagPatterns();

  FluentdLint(SchemaCatalog catalog, Reporter out) {
    this.catalog = catalog;
    this.out = out;
  }

  void run(LoadedConfig config) {
    List<Section> top = new ArrayList<>();
    for (LoadedFile f : config.files()) {
      top.addAll(f.document().tree().sections());
    }
    List<Section> all = new ArrayList<>();
    for (Section s : top) {
      if (!TOP.contains(s.kind())) {
        out.add(
            Severity.WARNING,
            "unknown-section",
            "unknown directive <" + s.kind() + ">" + DidYouMean.suggest(s.kind(), TOP),
            s);
      }
      flatten(s, all);
    }
    Set<String> labels = new HashSet<>();
    Map<String, Section> ids = new HashMap<>();
    for (Section s : all) {
      switch (s.kind()) {
        case "source", "match", "filter" -> {
          plugin(s);
          nested(s);
        }
        case "system" -> catalog.document("system", "system").ifPresent(d -> keys(s, d));
        case "label" -> labels.add(s.argument());
        default -> {}
      }
      s.property("@id")
          .ifPresent(
              id -> {
                Section before = ids.putIfAbsent(id.value(), s);
                if (before != null) {
                  out.add(
                      Severity.ERROR,
                      "duplicate-id",
                      "@id '" + id.value() + "' is also used at " + before.location(),
                      id);
                }
              });
    }
    for (Section s : all) {
      for (Property p : s.all("@label")) {
        if (!labels.contains(p.value()) && !p.value().equals("@ROOT")) {
          out.add(
              Severity.ERROR,
              "undefined-label",
              "label '" + p.value() + "' is not defined" + DidYouMean.suggest(p.value(), labels),
              p);
        }
      }
    }
    if (!config.incomplete()) {
      tags(top);
    }
    new Listeners(out).fluentd(all);
    supervisor(all, config);
  }

  private static void flatten(Section s, List<Section> into) {
    if (Set.of("source", "match", "filter", "system", "label", "worker").contains(s.kind())) {
      into.add(s);
      if (s.kind().equals("label") || s.kind().equals("worker")) {
        for (Section c : s.children()) {
          flatten(c, into);
        }
      }
    }
  }

  private void plugin(Section s) {
    Optional<Property> type = s.property("@type");
    if (type.isEmpty()) {
      out.add(Severity.ERROR, "missing-key", "<" + s.kind() + "> has no @type", s);
      return;
    }
    Optional<PluginSchema> doc = catalog.document(s.kind(), type.get().value());
    if (doc.isEmpty()) {
      out.add(
          Severity.INFO,
          "unknown-plugin",
          "'"
              + type.get().value()
              + "' is not a core "
              + s.kind()
              + " plugin"
              + DidYouMean.suggest(type.get().value(), catalog.names(s.kind())),
          type.get());
      return;
    }
    keys(s, doc.get());
  }

  /** Nested helper sections: only values of parameters we know are checked. */
  private void nested(Section s) {
    for (Section child : s.children()) {
      catalog
          .document(child.kind(), child.kind())
          .ifPresent(
              doc -> {
                for (Property p : child.properties()) {
                  doc.option(p.key()).ifPresent(o -> out.value(p, o));
                }
              });
      nested(child);
    }
  }

  private void keys(Section s, PluginSchema doc) {
    for (Property p : s.properties()) {
      Optional<OptionSchema> o = doc.option(p.key());
      if (o.isEmpty() && p.key().startsWith("@")) {
        out.add(
            Severity.ERROR,
            "unknown-key",
            "'" + p.key() + "' is not a reserved parameter (@type, @id, @label, @log_level)",
            p);
      } else if (o.isEmpty()) {
        out.add(
            Severity.WARNING,
            "unknown-key",
            "parameter '"
                + p.key()
                + "' is not used by "
                + doc.name()
                + DidYouMean.suggest(
                    p.key(), doc.options().stream().map(OptionSchema::name).toList()),
            p);
      } else {
        out.value(p, o.get());
      }
    }
    for (OptionSchema o : doc.options()) {
      if (o.required() && s.property(o.name()).isEmpty()) {
        out.add(Severity.ERROR, "missing-key", doc.name() + " needs '" + o.name() + "'", s);
      }
    }
  }

  /** Top-level matches and filters only; routing into labels is by label, not by tag. */
  private void tags(List<Section> top) {
    List<String> tags = new ArrayList<>();
    for (Section s : top) {
      if (s.kind().equals("source") && s.property("@label").isEmpty()) {
        String type = s.value("@type").orElse("");
        Optional<String> tag = s.value("tag");
        if (tag.isEmpty() || ANY_TAG_SOURCES.contains(type) || tag.get().contains("#{")) {
          return;
        }
        tags.add(tag.get());
      } else if (s.kind().equals("worker")
          || (s.kind().equals("match")
              && !s.value("@type").orElse("").equals("null")
              && s.argument().isEmpty())) {
        return;
      }
    }
    if (tags.isEmpty()) {
      return;
    }
    for (Section s : top) {
      if ((s.kind().equals("match") || s.kind().equals("filter")) && !s.argument().isEmpty()) {
        String arg = s.argument();
        if (tags.stream().noneMatch(t -> patterns.fluentdMatches(arg, t))) {
          out.add(
              Severity.WARNING,
              "match-no-input",
              "<"
                  + s.kind()
                  + " "
                  + arg
                  + "> matches no source tag (tags: "
                  + String.join(", ", tags)
                  + ")",
              s);
        }
      }
    }
  }

  private void supervisor(List<Section> all, LoadedConfig config) {
    boolean monitor =
        all.stream()
            .anyMatch(
                s ->
                    s.kind().equals("source")
                        && s.value("@type").orElse("").equals("monitor_agent"));
    Optional<Section> system = all.stream().filter(s -> s.kind().equals("system")).findFirst();
    boolean rpc = system.flatMap(s -> s.value("rpc_endpoint")).isPresent();
    var where =
        system
            .map(Section::location)
            .orElse(dev.flotilla.fluentconfig.Location.of(config.main().toString(), 1, 0));
    if (!monitor) {
      out.add(
          Severity.WARNING,
          "monitoring-off",
          "no monitor_agent source; the supervisor needs it to see plugin health",
          where,
          "/source");
    }
    if (!rpc) {
      out.add(
          Severity.WARNING,
          "rpc-off",
          "<system> has no rpc_endpoint; graceful reload needs it",
          where,
          "/system/0/rpc_endpoint");
    }
  }
}
