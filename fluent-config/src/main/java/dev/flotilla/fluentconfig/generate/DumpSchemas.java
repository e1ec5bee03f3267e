package dev.flotilla.fluentconfig.generate;

import dev.flotilla.fluentconfig.schema.OptionSchema;
import dev.flotilla.fluentconfig.schema.PluginSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Turns a {@code fluent-bit -J} dump into schema documents: one per plugin, one per section's
 * global options, plus the core sections the dump does not describe ({@link CoreSections}).
 */
public final class DumpSchemas {
  private static final String[] KINDS = {"customs", "inputs", "processors", "filters", "outputs"};
  private static final String[] GROUPS = {"options", "networking", "network_tls"};
  private static final Map<String, String> DOC_SLUGS =
      Map.of("es", "elasticsearch", "kafka-rest", "kafka-rest-proxy", "null", "null");

  private DumpSchemas() {}

  public static SchemaSet fromDump(JsonNode dump) {
    String version = dump.path("fluent-bit").path("version").asString("unknown");
    List<PluginSchema> docs = new ArrayList<>();
    for (String kind : KINDS) {
      String section = kind.substring(0, kind.length() - 1);
      Map<String, OptionSchema> globals = new LinkedHashMap<>();
      for (JsonNode plugin : dump.path(kind)) {
        String name = plugin.path("name").asString();
        Map<String, OptionSchema> options = new LinkedHashMap<>();
        for (String group : GROUPS) {
          addAll(options, plugin.path("properties").path(group), group);
        }
        addAll(globals, plugin.path("properties").path("global_options"), "global_options");
        docs.add(
            new PluginSchema(
                "fluent-bit",
                version,
                section,
                name,
                plugin.path("description").asString(""),
                docUrl(kind, name),
                List.copyOf(options.values())));
      }
      if (!globals.isEmpty()) {
        docs.add(
            new PluginSchema(
                "fluent-bit",
                version,
                "global",
                section,
                "Options every " + section + " accepts",
                null,
                List.copyOf(globals.values())));
      }
    }
    docs.addAll(CoreSections.fluentBit(version));
    return new SchemaSet("fluent-bit", version, docs);
  }

  /** Adds options by case-insensitive name; the first declaration wins, as in the engine. */
  private static void addAll(Map<String, OptionSchema> into, JsonNode list, String group) {
    for (JsonNode o : list) {
      String name = o.path("name").asString();
      String key = name.toLowerCase(Locale.ROOT);
      if (into.containsKey(key)) {
        continue;
      }
      String type = o.path("type").asString(null);
      String def = o.path("default").isNull() ? null : o.path("default").asString(null);
      String description = o.path("description").asString("");
      into.put(
          key,
          new OptionSchema(
              name,
              type,
              def,
              description,
              false,
              false,
              RuleInference.infer(name, type, def, description),
              group));
    }
  }

  static String docUrl(String kind, String name) {
    String folder = kind.equals("customs") ? "inputs" : kind;
    return "https://docs.fluentbit.io/manual/data-pipeline/"
        + folder
        + "/"
        + DOC_SLUGS.getOrDefault(name, name.replace('_', '-'));
  }
}
