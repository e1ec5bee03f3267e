package dev.flotilla.fluentconfig.convert;

import dev.flotilla.fluentconfig.Finding;
import dev.flotilla.fluentconfig.Severity;
import dev.flotilla.fluentconfig.TextLines;
import dev.flotilla.fluentconfig.model.ConfigTree;
import dev.flotilla.fluentconfig.model.Include;
import dev.flotilla.fluentconfig.model.Property;
import dev.flotilla.fluentconfig.model.Section;
import dev.flotilla.fluentconfig.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts Fluent Bit YAML to classic where classic can say the same thing. Parsers and multiline
 * parsers go to a separate parsers file, upstreams to one file each; processors, nested values and
 * extensions cannot be expressed and are reported.
 */
public final class YamlToClassic {
  public static final String PARSERS_FILE = "parsers.conf";

  private final List<Finding> report = new ArrayList<>();

  public Conversion convert(YamlDocument doc) {
    ConfigTree tree = doc.tree();
    StringBuilder main = new StringBuilder();
    for (String raw : TextLines.split(doc.render())) {
      String t = TextLines.content(raw).strip();
      if (!t.startsWith("#")) {
        break;
      }
      main.append(t).append('\n');
    }
    for (Property v : tree.variables()) {
      main.append("@SET ").append(v.key()).append('=').append(v.value()).append('\n');
    }
    for (Include inc : tree.includes()) {
      main.append("@INCLUDE ").append(inc.pattern()).append('\n');
      warn(
          "include-kept",
          "include '"
              + inc.pattern()
              + "' is kept as written; classic resolves it against the main file's directory and it must be classic too",
          inc.location(),
          "/includes");
    }
    StringBuilder parsers = new StringBuilder();
    Map<String, String> extra = new LinkedHashMap<>();
    boolean parsersNeeded = false;
    for (Section s : tree.sections()) {
      switch (s.kind()) {
        case "service", "input", "filter", "output", "custom" -> section(main, s.kind(), s);
        case "plugins" -> {
          main.append("\n[PLUGINS]\n");
          s.properties().forEach(p -> main.append("    Path ").append(p.value()).append('\n'));
        }
        case "parser", "multiline_parser" -> {
          section(parsers, s.kind(), s);
          parsersNeeded = true;
        }
        case "upstream" -> {
          StringBuilder up = new StringBuilder();
          section(up, "upstream", s);
          s.children().forEach(n -> section(up, "node", n));
          String name = "upstream-" + s.value("name").orElse("unnamed") + ".conf";
          extra.put(name, up.substring(1));
          warn(
              "moved-to-file",
              "upstream '"
                  + s.value("name").orElse("")
                  + "' moved to "
                  + name
                  + "; point the output's upstream at that file",
              s.location(),
              s.path());
        }
        default ->
            warn(
                "not-convertible",
                "'" + s.kind() + "' has no classic form and was left out",
                s.location(),
                s.path());
      }
    }
    if (parsersNeeded) {
      extra.put(PARSERS_FILE, parsers.substring(1));
      warn(
          "moved-to-file",
          "parsers moved to " + PARSERS_FILE + " (classic only accepts them in a Parsers_File)",
          tree.sections().get(0).location(),
          "/parsers");
    }
    return new Conversion(main.toString(), extra, report);
  }

  private void section(StringBuilder out, String kind, Section s) {
    out.append('\n').append('[').append(kind.toUpperCase(Locale.ROOT)).append("]\n");
    int width = 0;
    for (Property p : s.properties()) {
      width = Math.max(width, p.key().length());
    }
    for (Property p : s.properties()) {
      if (p.structured()) {
        warn(
            "not-convertible",
            "'" + p.key() + "' holds a nested value that classic cannot express; left out",
            p.location(),
            p.path());
        continue;
      }
      if (p.value().isEmpty() || p.value().contains("\n")) {
        warn(
            "not-convertible",
            "'"
                + p.key()
                + "' has an empty or multi-line value that classic cannot express; left out",
            p.location(),
            p.path());
        continue;
      }
      out.append("    ")
          .append(p.key())
          .append(" ".repeat(width - p.key().length() + 1))
          .append(p.value())
          .append('\n');
    }
    for (Section child : s.children()) {
      switch (child.kind()) {
        case "rule" ->
            out.append("    rule ")
                .append(quote(child.value("state").orElse("")))
                .append(' ')
                .append(quote(child.value("regex").orElse("")))
                .append(' ')
                .append(quote(child.value("next_state").orElse("")))
                .append('\n');
        case "node" -> {}
        default ->
            warn(
                "not-convertible",
                child.kind()
                    + " '"
                    + child.value("name").orElse("")
                    + "' ("
                    + child.argument()
                    + ") has no classic form; classic has no processors",
                child.location(),
                child.path());
      }
    }
  }

  private static String quote(String s) {
    return "\"" + s.replace("\"", "\\\"") + "\"";
  }

  private void warn(
      String code, String message, dev.flotilla.fluentconfig.Location location, String path) {
    report.add(new Finding(Severity.WARNING, code, message, location, path));
  }
}
