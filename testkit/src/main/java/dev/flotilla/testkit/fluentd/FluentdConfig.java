package dev.flotilla.testkit.fluentd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The directives of a Fluentd config the stand-in understands, with Fluentd's error wording. */
record FluentdConfig(String text, Map<String, String> system, List<Directive> directives) {

  static final Set<String> KNOWN_TYPES =
      Set.of(
          "sample",
          "dummy",
          "forward",
          "tail",
          "http",
          "monitor_agent",
          "exec",
          "syslog",
          "tcp",
          "udp",
          "file",
          "stdout",
          "null",
          "copy",
          "relabel",
          "record_transformer",
          "grep",
          "parser",
          "rewrite_tag_filter",
          "s3",
          "elasticsearch");

  record Directive(String name, String argument, Map<String, String> params) {
    String category() {
      return switch (name) {
        case "source" -> "input";
        case "match" -> "output";
        case "filter" -> "filter";
        default -> "unknown";
      };
    }
  }

  static final class ConfigException extends Exception {
    final boolean syntax;

    ConfigException(String message, boolean syntax) {
      super(message);
      this.syntax = syntax;
    }
  }

  Directive monitorAgent() {
    return directives.stream()
        .filter(d -> "monitor_agent".equals(d.params.get("@type")))
        .findFirst()
        .orElse(null);
  }

  static FluentdConfig read(Path file) throws ConfigException {
    StringBuilder text = new StringBuilder();
    Map<String, String> system = new LinkedHashMap<>();
    List<Directive> directives = new ArrayList<>();
    readInto(file, text, system, directives);
    for (Directive d : directives) {
      String type = d.params.get("@type");
      if (type != null && !KNOWN_TYPES.contains(type)) {
        String kind = d.category().equals("filter") ? "filter" : d.category();
        throw new ConfigException(
            "config error file=\""
                + file
                + "\" error_class=Fluent::NotFoundPluginError error=\"Unknown "
                + kind
                + " plugin '"
                + type
                + "'. Run 'gem search -rd fluent-plugin' to find plugins\"",
            false);
      }
    }
    return new FluentdConfig(text.toString(), system, directives);
  }

  private static void readInto(
      Path file, StringBuilder text, Map<String, String> system, List<Directive> directives)
      throws ConfigException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new ConfigException(
          "No such file or directory @ rb_sysopen - " + file + " (Errno::ENOENT)", true);
    }
    Directive open = null;
    int depth = 0;
    int lineNo = 0;
    for (String raw : lines) {
      lineNo++;
      text.append(raw).append('\n');
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("@include ")) {
        readInto(file.resolveSibling(line.substring(9).strip()), text, system, directives);
      } else if (line.startsWith("</")) {
        depth--;
        if (depth == 0) {
          open = null;
        }
      } else if (line.startsWith("<") && line.endsWith(">")) {
        depth++;
        if (depth == 1) {
          String inner = line.substring(1, line.length() - 1).strip();
          String[] parts = inner.split("\\s+", 2);
          open = new Directive(parts[0], parts.length > 1 ? parts[1] : "", new LinkedHashMap<>());
          if (!parts[0].equals("system")) {
            directives.add(open);
          }
        }
      } else if (open != null && depth == 1) {
        String[] kv = line.split("\\s+", 2);
        String value = kv.length > 1 ? kv[1].replaceAll("\\s+#.*$", "") : "";
        (open.name.equals("system") ? system : open.params).put(kv[0], value);
      }
    }
    if (depth != 0) {
      throw new ConfigException(
          file
              + ": expected end tag but got end of file at "
              + file
              + " line "
              + lineNo
              + ",1 (Fluent::ConfigParseError)",
          true);
    }
  }
}
