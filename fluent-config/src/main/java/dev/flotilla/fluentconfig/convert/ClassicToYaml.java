package dev.flotilla.fluentconfig.convert;

import dev.flotilla.fluentconfig.Finding;
import dev.flotilla.fluentconfig.Location;
import dev.flotilla.fluentconfig.Severity;
import dev.flotilla.fluentconfig.TextLines;
import dev.flotilla.fluentconfig.classic.ClassicDocument;
import dev.flotilla.fluentconfig.classic.ClassicLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts a classic file to Fluent Bit YAML. Comments travel with the section or key they precede;
 * keys become lower-case; repeated keys become lists.
 */
public final class ClassicToYaml {
  private static final Map<String, String> LISTS =
      Map.of(
          "input", "pipeline.inputs",
          "filter", "pipeline.filters",
          "output", "pipeline.outputs",
          "parser", "parsers",
          "multiline_parser", "multiline_parsers",
          "custom", "customs",
          "upstream", "upstream_servers");

  /** A section and the comments before and inside it. */
  private static final class Block {
    final String kind;
    final Location location;
    final List<String> leading = new ArrayList<>();
    final List<String[]> items = new ArrayList<>();
    final List<Block> nodes = new ArrayList<>();

    Block(String kind, Location location) {
      this.kind = kind;
      this.location = location;
    }
  }

  private final List<Finding> report = new ArrayList<>();

  public Conversion convert(ClassicDocument doc) {
    List<String> header = new ArrayList<>();
    Map<String, String> env = new LinkedHashMap<>();
    List<String> includes = new ArrayList<>();
    List<Block> blocks = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    Block current = null;
    Block upstream = null;
    boolean seenSection = false;
    for (ClassicLine line : doc.lines()) {
      Location loc = Location.of(doc.file(), line.number(), 1);
      switch (line) {
        case ClassicLine.Comment c -> {
          String text = TextLines.content(c.raw()).strip();
          if (!seenSection && current == null && blocks.isEmpty()) {
            header.add(text);
          } else if (current != null && TextLines.leadingWhitespace(c.raw()) > 0) {
            current.items.add(new String[] {null, text});
          } else {
            pending.add(text);
          }
        }
        case ClassicLine.SetVariable s -> env.put(s.name(), s.value());
        case ClassicLine.Include i -> {
          includes.add(i.path());
          report.add(
              new Finding(
                  Severity.WARNING,
                  "include-kept",
                  "include '"
                      + i.path()
                      + "' is kept as written; convert the included files to YAML too",
                  loc,
                  "/includes"));
        }
        case ClassicLine.Header h -> {
          if (h.group()) {
            report.add(
                new Finding(
                    Severity.WARNING,
                    "not-convertible",
                    "group [" + h.name() + "] has no YAML form and was left out",
                    loc,
                    ""));
            continue;
          }
          seenSection = true;
          String kind = h.name().toLowerCase(Locale.ROOT);
          current = new Block(kind, loc);
          current.leading.addAll(pending);
          pending.clear();
          if (kind.equals("node") && upstream != null) {
            upstream.nodes.add(current);
          } else {
            blocks.add(current);
            if (kind.equals("upstream")) {
              upstream = current;
            }
          }
        }
        case ClassicLine.Entry e -> current.items.add(new String[] {e.key(), e.value()});
        case ClassicLine.Blank b -> {}
      }
    }
    String text = new YamlWriter().write(header, env, includes, blocks(blocks), pending);
    return new Conversion(text, Map.of(), report);
  }

  /** Groups blocks by their YAML home, in first-seen order. */
  private Map<String, List<YamlWriter.Item>> blocks(List<Block> blocks) {
    Map<String, List<YamlWriter.Item>> out = new LinkedHashMap<>();
    for (Block b : blocks) {
      String home =
          switch (b.kind) {
            case "service" -> "service";
            case "plugins" -> "plugins";
            default -> LISTS.get(b.kind);
          };
      if (home == null) {
        report.add(
            new Finding(
                Severity.WARNING,
                "not-convertible",
                "section ["
                    + b.kind.toUpperCase(Locale.ROOT)
                    + "] has no YAML form here and was left out",
                b.location,
                ""));
        continue;
      }
      out.computeIfAbsent(home, k -> new ArrayList<>()).add(item(b));
    }
    return out;
  }

  private YamlWriter.Item item(Block b) {
    List<YamlWriter.Entry> entries = new ArrayList<>();
    List<Map<String, String>> rules = new ArrayList<>();
    for (String[] kv : b.items) {
      if (kv[0] == null) {
        entries.add(new YamlWriter.Entry(null, kv[1]));
      } else if (b.kind.equals("multiline_parser") && kv[0].equalsIgnoreCase("rule")) {
        rules.add(rule(kv[1]));
      } else {
        entries.add(new YamlWriter.Entry(kv[0].toLowerCase(Locale.ROOT), kv[1]));
      }
    }
    List<YamlWriter.Item> nodes = b.nodes.stream().map(this::item).toList();
    return new YamlWriter.Item(b.leading, entries, rules, nodes);
  }

  private static Map<String, String> rule(String value) {
    List<String> parts = words(value);
    Map<String, String> rule = new LinkedHashMap<>();
    String[] names = {"state", "regex", "next_state"};
    for (int i = 0; i < parts.size() && i < names.length; i++) {
      rule.put(names[i], parts.get(i));
    }
    return rule;
  }

  /**
   * A rule's words: {@code "quoted"} (with {@code \"} read as a quote) or bare up to whitespace; a
   * quote never closed starts a bare word. A loop, not a regex: a regex alternation recurses once
   * per character and a long quoted value overflowed the stack.
   */
  static List<String> words(String value) {
    List<String> parts = new ArrayList<>();
    int i = 0;
    int n = value.length();
    while (i < n) {
      if (Character.isWhitespace(value.charAt(i))) {
        i++;
        continue;
      }
      if (value.charAt(i) == '"') {
        int j = i + 1;
        while (j < n && value.charAt(j) != '"') {
          j += value.charAt(j) == '\\' && j + 1 < n ? 2 : 1;
        }
        if (j < n) {
          parts.add(value.substring(i + 1, j).replace("\\\"", "\""));
          i = j + 1;
          continue;
        }
      }
      int end = i;
      while (end < n && !Character.isWhitespace(value.charAt(end))) {
        end++;
      }
      parts.add(value.substring(i, end));
      i = end;
    }
    return parts;
  }
}
