package dev.flotilla.fluentconfig.convert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Writes the YAML text for {@link ClassicToYaml}. */
final class YamlWriter {
  private static final Pattern PLAIN =
      Pattern.compile("[A-Za-z0-9_./$][A-Za-z0-9_./${}() +=,;~^-]*");

  /** One key and value, or (key null) a comment line. */
  record Entry(String key, String value) {}

  record Item(
      List<String> leading,
      List<Entry> entries,
      List<Map<String, String>> rules,
      List<Item> nodes) {}

  private final StringBuilder out = new StringBuilder();

  String write(
      List<String> header,
      Map<String, String> env,
      List<String> includes,
      Map<String, List<Item>> homes,
      List<String> trailing) {
    header.forEach(h -> out.append(h).append('\n'));
    if (!env.isEmpty()) {
      gap();
      out.append("env:\n");
      env.forEach((k, v) -> out.append("  ").append(k).append(": ").append(scalar(v)).append('\n'));
    }
    if (!includes.isEmpty()) {
      gap();
      out.append("includes:\n");
      includes.forEach(i -> out.append("  - ").append(scalar(i)).append('\n'));
    }
    if (homes.containsKey("service")) {
      gap();
      for (Item service : homes.get("service")) {
        service.leading().forEach(c -> out.append(c).append('\n'));
      }
      out.append("service:\n");
      for (Item service : homes.get("service")) {
        map(service.entries(), "  ");
      }
    }
    Map<String, List<Item>> pipeline = new LinkedHashMap<>();
    for (var e : homes.entrySet()) {
      if (e.getKey().startsWith("pipeline.")) {
        pipeline.put(e.getKey().substring("pipeline.".length()), e.getValue());
      }
    }
    for (String top : List.of("parsers", "multiline_parsers", "customs", "upstream_servers")) {
      if (homes.containsKey(top)) {
        gap();
        out.append(top).append(":\n");
        list(homes.get(top), "  ");
      }
    }
    if (homes.containsKey("plugins")) {
      gap();
      out.append("plugins:\n");
      for (Item p : homes.get("plugins")) {
        for (Entry e : p.entries()) {
          if (e.key() != null) {
            out.append("  - ").append(scalar(e.value())).append('\n');
          }
        }
      }
    }
    if (!pipeline.isEmpty()) {
      gap();
      out.append("pipeline:\n");
      for (String kind : List.of("inputs", "filters", "outputs")) {
        if (pipeline.containsKey(kind)) {
          out.append("  ").append(kind).append(":\n");
          list(pipeline.get(kind), "    ");
        }
      }
    }
    trailing.forEach(c -> out.append(c).append('\n'));
    return out.toString();
  }

  private void list(List<Item> items, String indent) {
    for (Item item : items) {
      item.leading().forEach(c -> out.append(indent).append(c).append('\n'));
      int start = out.length();
      map(item.entries(), indent + "  ");
      if (!item.rules().isEmpty()) {
        out.append(indent).append("  rules:\n");
        for (Map<String, String> rule : item.rules()) {
          String dash = indent + "    - ";
          for (var e : rule.entrySet()) {
            out.append(dash)
                .append(e.getKey())
                .append(": ")
                .append(scalar(e.getValue()))
                .append('\n');
            dash = indent + "      ";
          }
        }
      }
      if (!item.nodes().isEmpty()) {
        out.append(indent).append("  nodes:\n");
        list(item.nodes(), indent + "    ");
      }
      dashFirst(start, indent);
    }
  }

  /** Turns the first non-comment line written since {@code start} into a list item. */
  private void dashFirst(int start, String indent) {
    int at = start;
    while (at < out.length()) {
      int eol = out.indexOf("\n", at);
      String line = out.substring(at, eol);
      if (!line.strip().startsWith("#")) {
        out.replace(at, at + indent.length() + 2, indent + "- ");
        return;
      }
      at = eol + 1;
    }
    out.append(indent).append("- {}\n");
  }

  private void map(List<Entry> entries, String indent) {
    Map<String, List<String>> grouped = new LinkedHashMap<>();
    Map<String, List<String>> comments = new LinkedHashMap<>();
    List<String> pending = new ArrayList<>();
    for (Entry e : entries) {
      if (e.key() == null) {
        pending.add(e.value());
      } else {
        if (!grouped.containsKey(e.key())) {
          comments.put(e.key(), new ArrayList<>(pending));
          pending.clear();
        }
        grouped.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e.value());
      }
    }
    for (var e : grouped.entrySet()) {
      comments.get(e.getKey()).forEach(c -> out.append(indent).append(c).append('\n'));
      if (e.getValue().size() == 1) {
        out.append(indent)
            .append(e.getKey())
            .append(": ")
            .append(scalar(e.getValue().get(0)))
            .append('\n');
      } else {
        out.append(indent).append(e.getKey()).append(":\n");
        e.getValue().forEach(v -> out.append(indent).append("  - ").append(scalar(v)).append('\n'));
      }
    }
    pending.forEach(c -> out.append(indent).append(c).append('\n'));
  }

  private void gap() {
    if (out.length() > 0 && !out.toString().endsWith("\n\n")) {
      out.append('\n');
    }
  }

  static String scalar(String v) {
    if (PLAIN.matcher(v).matches() && !v.endsWith(" ")) {
      return v;
    }
    return "'" + v.replace("'", "''") + "'";
  }
}
