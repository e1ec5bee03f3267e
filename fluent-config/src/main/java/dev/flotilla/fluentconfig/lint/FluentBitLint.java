package dev.flotilla.fluentconfig.lint;

import dev.flotilla.fluentconfig.ConfigFormat;
import dev.flotilla.fluentconfig.Severity;
import dev.flotilla.fluentconfig.load.LoadedConfig;
import dev.flotilla.fluentconfig.load.LoadedFile;
import dev.flotilla.fluentconfig.model.FluentBitSections;
import dev.flotilla.fluentconfig.model.Property;
import dev.flotilla.fluentconfig.model.Section;
import dev.flotilla.fluentconfig.schema.OptionSchema;
import dev.flotilla.fluentconfig.schema.PluginSchema;
import dev.flotilla.fluentconfig.schema.SchemaCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Per-section checks of a Fluent Bit config: sections, plugins, keys, values, repeats. */
final class FluentBitLint {
  /** Keys every plugin accepts or that carry YAML structure rather than a property. */
  private static final Set<String> ALWAYS =
      Set.of("name", "active", "condition", "processors", "routes", "telemetry");

  private static final Set<String> CORE =
      Set.of("parser", "multiline_parser", "upstream", "node", "plugins", "stream_task");
  private static final Set<String> QUIET =
      Set.of("extensions", "env", "includes", "stream_processor", "rule");

  private static final Set<String> SIGNALS = Set.of("logs", "metrics", "traces");

  private final SchemaCatalog catalog;
  private final Reporter out;

  FluentBitLint(SchemaCatalog catalog, Reporter out) {
    this.catalog = catalog;
    this.out = out;
  }

  void run(LoadedConfig config) {
    for (LoadedFile f : config.files()) {
      boolean classicMain =
          f.role() == LoadedFile.Role.MAIN
              && f.document().format() == ConfigFormat.FLUENT_BIT_CLASSIC;
      for (Section s : f.document().tree().sections()) {
        section(s, classicMain);
      }
    }
    new FluentBitCrossChecks(out).run(config, catalog);
  }

  private void section(Section s, boolean classicMain) {
    String kind = s.kind();
    switch (kind) {
      case "service" -> core(s, "service", "unknown-service-key", Severity.WARNING);
      case "input", "filter", "output", "custom" -> plugin(s, kind);
      default -> {
        if (CORE.contains(kind)) {
          if (classicMain && (kind.equals("parser") || kind.equals("multiline_parser"))) {
            out.add(
                Severity.ERROR,
                "parser-in-main-file",
                "["
                    + kind.toUpperCase(Locale.ROOT)
                    + "] belongs in a parsers file named by Parsers_File, not the main file",
                s);
          }
          core(s, kind, "unknown-key", Severity.ERROR);
        } else if (!QUIET.contains(kind)) {
          Set<String> known =
              s.location().file().matches("(?i).*\\.ya?ml")
                  ? FluentBitSections.YAML_KEYS
                  : FluentBitSections.CLASSIC_KINDS;
          out.add(
              Severity.WARNING,
              "unknown-section",
              "unknown section '" + kind + "'" + DidYouMean.suggest(kind, known),
              s);
        }
      }
    }
    for (Section child : s.children()) {
      switch (child.kind()) {
        case "processor" -> {
          if (!SIGNALS.contains(child.argument().toLowerCase(Locale.ROOT))) {
            out.add(
                Severity.ERROR,
                "unknown-section",
                "processors hold logs, metrics or traces, not '"
                    + child.argument()
                    + "'"
                    + DidYouMean.suggest(child.argument(), SIGNALS),
                child);
          }
          plugin(child, "processor");
        }
        case "node" -> core(child, "node", "unknown-key", Severity.ERROR);
        default -> {}
      }
    }
  }

  private void core(Section s, String docName, String unknownCode, Severity unknownSeverity) {
    Optional<PluginSchema> doc = catalog.document(docName, docName);
    if (doc.isEmpty()) {
      return;
    }
    keys(s, doc.get(), null, unknownCode, unknownSeverity, false);
  }

  private void plugin(Section s, String kind) {
    Optional<Property> nameProp = s.property("name");
    if (nameProp.isEmpty()) {
      out.add(Severity.ERROR, "missing-key", kind + " has no 'name'", s);
      return;
    }
    String name = nameProp.get().value();
    if (name.contains("${")) {
      return;
    }
    Optional<PluginSchema> doc = catalog.document(kind, name);
    String docKind = kind;
    if (doc.isEmpty() && kind.equals("processor")) {
      doc = catalog.document("filter", name);
      docKind = "filter";
    }
    if (doc.isEmpty()) {
      out.add(
          Severity.ERROR,
          "unknown-plugin",
          "unknown "
              + kind
              + " plugin '"
              + name
              + "'"
              + DidYouMean.suggest(name, catalog.names(kind)),
          nameProp.get());
      return;
    }
    PluginSchema global =
        catalog.document("global", kind.equals("processor") ? "processor" : docKind).orElse(null);
    keys(s, doc.get(), global, "unknown-key", Severity.ERROR, true);
    if ((kind.equals("filter") || kind.equals("output"))
        && s.property("match").isEmpty()
        && s.property("match_regex").isEmpty()) {
      out.add(
          kind.equals("filter") ? Severity.ERROR : Severity.WARNING,
          "missing-match",
          kind + " '" + name + "' has no Match, so it receives no records",
          s);
    }
  }

  private void keys(
      Section s,
      PluginSchema doc,
      PluginSchema global,
      String unknownCode,
      Severity unknownSeverity,
      boolean isPlugin) {
    Map<String, Integer> counts = new HashMap<>();
    for (Property p : s.properties()) {
      String lower = p.key().toLowerCase(Locale.ROOT);
      if (isPlugin && ALWAYS.contains(lower)) {
        continue;
      }
      if (!isPlugin && lower.equals("name") && doc.option("name").isEmpty()) {
        continue;
      }
      Optional<OptionSchema> option = doc.option(p.key());
      if (option.isEmpty() && global != null) {
        option = global.option(p.key());
      }
      if (option.isEmpty()) {
        if (!s.kind().equals("service") || !p.structured()) {
          out.add(
              unknownSeverity,
              unknownCode,
              "unknown key '"
                  + p.key()
                  + "' for "
                  + describe(s, doc)
                  + DidYouMean.suggest(p.key(), names(doc, global)),
              p);
        }
        continue;
      }
      OptionSchema o = option.get();
      int n = counts.merge(o.name().toLowerCase(Locale.ROOT), 1, Integer::sum);
      if (n == 2 && !o.repeatable()) {
        out.add(
            Severity.ERROR,
            "repeated-key",
            "'" + p.key() + "' is set more than once but may appear only once",
            p);
      }
      out.value(p, o);
    }
    for (OptionSchema o : doc.options()) {
      if (o.required() && s.property(o.name()).isEmpty()) {
        out.add(Severity.ERROR, "missing-key", describe(s, doc) + " needs '" + o.name() + "'", s);
      }
    }
  }

  private static String describe(Section s, PluginSchema doc) {
    return doc.name().equals(s.kind()) ? s.kind() : s.kind() + " '" + doc.name() + "'";
  }

  private static List<String> names(PluginSchema doc, PluginSchema global) {
    List<String> names = new ArrayList<>();
    doc.options().forEach(o -> names.add(o.name()));
    if (global != null) {
      global.options().forEach(o -> names.add(o.name()));
    }
    return names;
  }
}
