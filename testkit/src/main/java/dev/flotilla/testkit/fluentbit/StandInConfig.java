package dev.flotilla.testkit.fluentbit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The part of a Fluent Bit config the stand-in understands: service keys and the plugin instances.
 * Parse errors carry the agent's own wording so supervisors see realistic text.
 */
record StandInConfig(Map<String, String> service, List<Plugin> plugins) {

  record Plugin(String kind, String name, Map<String, String> properties) {
    String instanceName(int index) {
      String alias = properties.get("alias");
      return alias != null ? alias : name + "." + index;
    }
  }

  /** Thrown for errors that real Fluent Bit finds while parsing (exit 1, reload halted). */
  static final class ParseException extends Exception {
    ParseException(String message) {
      super(message);
    }
  }

  String serviceKey(String key, String fallback) {
    return service.getOrDefault(key.toLowerCase(Locale.ROOT), fallback);
  }

  boolean flag(String key) {
    String v = serviceKey(key, "off").toLowerCase(Locale.ROOT);
    return v.equals("on") || v.equals("true") || v.equals("yes");
  }

  static StandInConfig read(Path file, Set<String> knownPlugins) throws ParseException {
    if (!Files.isRegularFile(file)) {
      throw new ParseException("[error] could not open configuration file, aborting.");
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    StandInConfig config =
        name.endsWith(".yaml") || name.endsWith(".yml") ? readYaml(file) : readClassic(file);
    for (Plugin plugin : config.plugins) {
      String kind = plugin.kind + "s";
      if (!knownPlugins.contains(kind + ":" + plugin.name)) {
        throw new ParseException(
            "[error] [config] section '"
                + plugin.name
                + "' tried to instance a plugin name that doesn't exist");
      }
      for (String key : plugin.properties.keySet()) {
        if (key.startsWith("no_such")) {
          throw new ParseException(
              "[error] [config] "
                  + plugin.name
                  + ": unknown configuration property '"
                  + key
                  + "'. The following properties are allowed: alias, tag, match");
        }
      }
      if (plugin.kind.equals("filter") && !plugin.properties.containsKey("match")) {
        throw new ParseException(
            "[error] [filter] NO match rule for "
                + plugin.name
                + ".0 filter instance, halting to reload.");
      }
    }
    return config;
  }

  private static StandInConfig readClassic(Path file) throws ParseException {
    Map<String, String> service = new LinkedHashMap<>();
    List<Plugin> plugins = new ArrayList<>();
    readClassicInto(file, file.getParent(), service, plugins);
    return new StandInConfig(service, plugins);
  }

  private static void readClassicInto(
      Path file, Path baseDir, Map<String, String> service, List<Plugin> plugins)
      throws ParseException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new ParseException("[error] could not open configuration file, aborting.");
    }
    String section = null;
    Map<String, String> props = null;
    int lineNo = 0;
    for (String raw : lines) {
      lineNo++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.regionMatches(true, 0, "@INCLUDE", 0, 8)) {
        readClassicInto(baseDir.resolve(line.substring(8).strip()), baseDir, service, plugins);
        continue;
      }
      if (line.startsWith("@")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        section = line.substring(1, line.length() - 1).strip().toLowerCase(Locale.ROOT);
        if (section.equals("parser") || section.equals("multiline_parser")) {
          throw new ParseException(
              "Sections 'multiline_parser' and 'parser' are not valid in the main configuration"
                  + " file. It belongs to the 'parsers_file' configuration files.");
        }
        props = new LinkedHashMap<>();
        if (Set.of("input", "filter", "output").contains(section)) {
          plugins.add(new Plugin(section, "", props));
        }
        continue;
      }
      String[] kv = line.split("\\s+", 2);
      if (kv.length < 2) {
        throw new ParseException(
            "[error] [config] error in "
                + file
                + ":"
                + lineNo
                + ": undefined value - check config is in valid classic format");
      }
      String key = kv[0].toLowerCase(Locale.ROOT);
      if ("service".equals(section)) {
        service.put(key, kv[1]);
      } else if (props != null) {
        props.put(key, kv[1]);
      }
    }
    for (int i = 0; i < plugins.size(); i++) {
      Plugin p = plugins.get(i);
      if (p.name.isEmpty()) {
        plugins.set(i, new Plugin(p.kind, p.properties.getOrDefault("name", ""), p.properties));
      }
    }
  }

  private static StandInConfig readYaml(Path file) throws ParseException {
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(file.toFile());
    } catch (RuntimeException e) {
      throw new ParseException(
          "[error] [config] invalid YAML in file "
              + file
              + ": "
              + e.getMessage().lines().findFirst().orElse(""));
    }
    Map<String, String> service = new LinkedHashMap<>();
    List<Plugin> plugins = new ArrayList<>();
    if (root == null || !root.isObject()) {
      return new StandInConfig(service, plugins);
    }
    for (var include : root.path("includes")) {
      StandInConfig inc = readInclude(file.resolveSibling(include.asString()));
      service.putAll(inc.service);
      plugins.addAll(inc.plugins);
    }
    root.path("service")
        .properties()
        .forEach(e -> service.put(e.getKey().toLowerCase(Locale.ROOT), scalar(e.getValue())));
    JsonNode pipeline = root.path("pipeline");
    for (String kind : List.of("input", "filter", "output")) {
      for (JsonNode node : pipeline.path(kind + "s")) {
        Map<String, String> props = new LinkedHashMap<>();
        node.properties()
            .forEach(e -> props.put(e.getKey().toLowerCase(Locale.ROOT), scalar(e.getValue())));
        plugins.add(new Plugin(kind, props.getOrDefault("name", ""), props));
      }
    }
    return new StandInConfig(service, plugins);
  }

  private static StandInConfig readInclude(Path file) throws ParseException {
    if (!Files.isRegularFile(file)) {
      throw new ParseException("[error] could not open configuration file, aborting.");
    }
    return readYaml(file);
  }

  private static String scalar(JsonNode node) {
    if (node.isNull()) {
      return "null";
    }
    return node.isValueNode() ? node.asString() : node.toString();
  }
}
