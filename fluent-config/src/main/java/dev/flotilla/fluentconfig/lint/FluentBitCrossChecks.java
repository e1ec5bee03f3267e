package dev.flotilla.fluentconfig.lint;

import dev.flotilla.fluentconfig.ConfigFormat;
import dev.flotilla.fluentconfig.Location;
import dev.flotilla.fluentconfig.Severity;
import dev.flotilla.fluentconfig.load.LoadedConfig;
import dev.flotilla.fluentconfig.load.LoadedFile;
import dev.flotilla.fluentconfig.match.BoundedRegex;
import dev.flotilla.fluentconfig.model.Property;
import dev.flotilla.fluentconfig.model.Section;
import dev.flotilla.fluentconfig.model.Variables;
import dev.flotilla.fluentconfig.schema.SchemaCatalog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks across sections and files: tags, parser and upstream references, ports, supervisor needs.
 */
final class FluentBitCrossChecks {
  private static final Set<String> BUILTIN_MULTILINE =
      Set.of("docker", "cri", "go", "python", "java", "ruby");
  private static final Set<String> OFF = Set.of("off", "false", "no", "0");

  private final Reporter out;
  private final TagPatterns patterns = new TagPatterns();

  FluentBitCrossChecks(Reporter out) {
    this.out = out;
  }

  void run(LoadedConfig config, SchemaCatalog catalog) {
    List<Section> all = new ArrayList<>();
    for (LoadedFile f : config.files()) {
      all.addAll(f.document().tree().allSections());
    }
    if (!config.incomplete()) {
      tags(all);
      parsers(all);
    }
    if (config.format() == ConfigFormat.FLUENT_BIT_YAML) {
      upstreams(all);
    }
    regexSyntax(all);
    new Listeners(out).fluentBit(all);
    supervisor(all, config);
    variables(all, config);
  }

  /** A variable the files never define must come from the environment; worth a note. */
  private void variables(List<Section> all, LoadedConfig config) {
    Set<String> defined = new HashSet<>(Set.of("HOSTNAME"));
    for (LoadedFile f : config.files()) {
      f.document().tree().variables().forEach(v -> defined.add(v.key()));
    }
    for (Section s : all) {
      for (Property p : s.properties()) {
        for (String name : Variables.referenced(p.value())) {
          if (!defined.contains(name)) {
            out.add(
                Severity.INFO,
                "undefined-variable",
                "${"
                    + name
                    + "} is not set in the config; it must come from the environment (unset expands to empty)",
                p);
          }
        }
      }
    }
  }

  private void tags(List<Section> all) {
    List<String> tags = new ArrayList<>();
    int index = 0;
    for (Section s : all) {
      if (s.kind().equals("input")) {
        String name = s.value("name").orElse("input");
        tags.add(s.value("tag").orElse(name + "." + index));
        index++;
      } else if (s.kind().equals("filter")
          && s.value("name").orElse("").equalsIgnoreCase("rewrite_tag")) {
        for (Property rule : s.all("rule")) {
          String[] parts = rule.value().strip().split("\\s+");
          tags.add(parts.length >= 3 && !parts[2].contains("$") ? parts[2] : "*");
        }
      }
    }
    if (tags.stream().anyMatch(t -> t.contains("${"))) {
      return;
    }
    for (Section s : all) {
      if (!s.kind().equals("filter") && !s.kind().equals("output")) {
        continue;
      }
      Optional<Property> match = s.property("match");
      Optional<Property> regex = s.property("match_regex");
      boolean selects;
      Property at;
      if (match.isPresent()) {
        at = match.get();
        String m = at.value();
        selects =
            m.contains("${")
                || tags.stream().anyMatch(t -> t.equals("*") || patterns.fluentBitSelects(m, t));
      } else if (regex.isPresent()) {
        at = regex.get();
        selects = regexSelects(at, tags);
      } else {
        continue;
      }
      if (!selects) {
        out.add(
            Severity.WARNING,
            "match-no-input",
            "'" + at.value() + "' matches no input tag (tags: " + String.join(", ", tags) + ")",
            at);
      }
    }
  }

  /**
   * Match_Regex is searched in the tag, as Fluent Bit does; unknown outcomes count as selecting.
   */
  private boolean regexSelects(Property at, List<String> tags) {
    if (BoundedRegex.syntaxError(at.value()).isPresent()) {
      return true; // reported by regexSyntax
    }
    boolean selects = false;
    for (String t : tags) {
      Optional<Boolean> found =
          t.contains("*") ? Optional.of(true) : patterns.fluentBitRegexFinds(at.value(), t);
      if (found.isEmpty()) {
        out.add(
            Severity.WARNING,
            "regex-too-complex",
            "'"
                + at.value()
                + "' is too complex to check against tag "
                + t
                + " (it backtracks too much; the agent may be slow on it too)",
            at);
        return true;
      }
      selects |= found.get();
    }
    return selects;
  }

  /**
   * Regular expressions the engine compiles: Match_Regex, grep Regex/Exclude, rewrite_tag rules.
   */
  private void regexSyntax(List<Section> all) {
    for (Section s : all) {
      String name = s.value("name").orElse("").toLowerCase(Locale.ROOT);
      List<Property> checked = new ArrayList<>(s.all("match_regex"));
      if (s.kind().equals("filter") && name.equals("grep")) {
        checked.addAll(s.all("regex"));
        checked.addAll(s.all("exclude"));
      } else if (s.kind().equals("filter") && name.equals("rewrite_tag")) {
        checked.addAll(s.all("rule"));
      }
      for (Property p : checked) {
        String regex =
            p.key().equalsIgnoreCase("match_regex") ? p.value().strip() : secondWord(p.value());
        if (regex == null || regex.contains("${")) {
          continue;
        }
        BoundedRegex.syntaxError(regex)
            .ifPresent(
                why ->
                    out.add(
                        Severity.WARNING,
                        "invalid-regex",
                        "'" + regex + "' does not compile as a regular expression: " + why,
                        p));
      }
    }
  }

  /** The regex of {@code KEY REGEX [...]}: the second whitespace-separated word. */
  private static String secondWord(String value) {
    String[] parts = value.strip().split("\\s+");
    return parts.length >= 2 ? parts[1] : null;
  }

  private void parsers(List<Section> all) {
    Set<String> parsers = new HashSet<>();
    Set<String> multiline = new HashSet<>(BUILTIN_MULTILINE);
    for (Section s : all) {
      if (s.kind().equals("parser")) {
        s.value("name").ifPresent(n -> parsers.add(n.toLowerCase(Locale.ROOT)));
      } else if (s.kind().equals("multiline_parser")) {
        s.value("name").ifPresent(n -> multiline.add(n.toLowerCase(Locale.ROOT)));
      }
    }
    for (Section s : all) {
      boolean plugin =
          s.kind().equals("input") || s.kind().equals("filter") || s.kind().equals("processor");
      if (plugin || s.kind().equals("multiline_parser")) {
        for (Property p : s.all("parser")) {
          check(p, p.value(), parsers, "undefined-parser", "parser");
        }
      }
      if (plugin) {
        for (Property p : s.all("multiline.parser")) {
          for (String name : p.value().split(",")) {
            check(p, name.strip(), multiline, "undefined-multiline-parser", "multiline parser");
          }
        }
      }
    }
  }

  private void check(Property p, String name, Set<String> defined, String code, String what) {
    if (!name.isEmpty()
        && !name.contains("${")
        && !defined.contains(name.toLowerCase(Locale.ROOT))) {
      out.add(
          Severity.ERROR,
          code,
          what + " '" + name + "' is not defined" + DidYouMean.suggest(name, defined),
          p);
    }
  }

  private void upstreams(List<Section> all) {
    Set<String> names = new HashSet<>();
    for (Section s : all) {
      if (s.kind().equals("upstream")) {
        s.value("name").ifPresent(n -> names.add(n.toLowerCase(Locale.ROOT)));
      }
    }
    for (Section s : all) {
      if (s.kind().equals("output")) {
        for (Property p : s.all("upstream")) {
          check(p, p.value(), names, "undefined-upstream", "upstream");
        }
      }
    }
  }

  /** Only for a pipeline: a file of parsers or upstreams alone does not run anything. */
  private void supervisor(List<Section> all, LoadedConfig config) {
    if (all.stream().noneMatch(s -> s.kind().equals("input") || s.kind().equals("output"))) {
      return;
    }
    Optional<Property> http = Optional.empty();
    Optional<Property> reload = Optional.empty();
    Section service = null;
    for (Section s : all) {
      if (s.kind().equals("service")) {
        service = s;
        http = s.property("http_server").isPresent() ? s.property("http_server") : http;
        reload = s.property("hot_reload").isPresent() ? s.property("hot_reload") : reload;
      }
    }
    Location where =
        service != null ? service.location() : Location.of(config.main().toString(), 1, 0);
    String path = service != null ? service.path() : "/service";
    if (http.isEmpty() || OFF.contains(http.get().value().toLowerCase(Locale.ROOT))) {
      out.add(
          Severity.WARNING,
          "http-server-off",
          "the HTTP monitoring server is off; the supervisor needs it for health and reload checks (http_server on)",
          http.map(Property::location).orElse(where),
          http.map(Property::path).orElse(path + "/http_server"));
    }
    if (reload.isEmpty() || OFF.contains(reload.get().value().toLowerCase(Locale.ROOT))) {
      out.add(
          Severity.WARNING,
          "hot-reload-off",
          "hot reload is off, so config changes need a restart (hot_reload on)",
          reload.map(Property::location).orElse(where),
          reload.map(Property::path).orElse(path + "/hot_reload"));
    }
  }
}
