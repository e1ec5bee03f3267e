package dev.flotilla.supervisor.fluentd;

import dev.flotilla.opamp.proto.AvailableComponents;
import dev.flotilla.supervisor.agent.Components;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * What Fluentd can run. Fluentd has no endpoint listing its installed plugins, so this joins three
 * sources: the plugins built into Fluentd, every plugin type {@code monitor_agent} shows running,
 * and the {@code fluent-plugin-*} gems that {@code fluent-gem list} reports (with their versions,
 * under {@code gems}).
 */
final class FluentdPlugins {
  private static final Map<String, List<String>> BUILT_IN =
      Map.of(
          "inputs",
          List.of(
              "dummy",
              "exec",
              "forward",
              "http",
              "monitor_agent",
              "object_space",
              "sample",
              "syslog",
              "tail",
              "tcp",
              "udp",
              "unix"),
          "outputs",
          List.of(
              "copy",
              "exec",
              "exec_filter",
              "file",
              "forward",
              "http",
              "null",
              "relabel",
              "roundrobin",
              "secondary_file",
              "stdout"),
          "filters",
          List.of("grep", "parser", "record_transformer", "stdout"));
  private static final Pattern GEM = Pattern.compile("^(fluent-plugin-[\\w.-]+) \\(([^)]*)\\)");

  private FluentdPlugins() {}

  /**
   * @param monitorPlugins the {@code plugins} array of {@code /api/plugins.json}; may be missing
   * @param gemList the output of {@code fluent-gem list --local fluent-plugin}; may be empty
   */
  static AvailableComponents toAvailableComponents(JsonNode monitorPlugins, String gemList) {
    Map<String, Map<String, String>> kinds = new TreeMap<>();
    BUILT_IN.forEach(
        (kind, names) ->
            names.forEach(n -> kinds.computeIfAbsent(kind, k -> new TreeMap<>()).put(n, "")));
    for (JsonNode p : monitorPlugins) {
      String kind =
          switch (p.path("plugin_category").asString("")) {
            case "input" -> "inputs";
            case "output" -> "outputs";
            case "filter" -> "filters";
            default -> null;
          };
      String type = p.path("type").asString("");
      if (kind != null && !type.isEmpty()) {
        kinds.computeIfAbsent(kind, k -> new TreeMap<>()).putIfAbsent(type, "");
      }
    }
    for (String line : gemList.split("\n")) {
      Matcher m = GEM.matcher(line.strip());
      if (m.find()) {
        String version = m.group(2).split(",")[0].replace("default: ", "").strip();
        kinds.computeIfAbsent("gems", k -> new TreeMap<>()).put(m.group(1), version);
      }
    }
    return Components.of(kinds);
  }
}
