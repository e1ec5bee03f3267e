package dev.flotilla.supervisor.fluentbit;

import dev.flotilla.opamp.proto.AvailableComponents;
import dev.flotilla.supervisor.agent.Components;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Turns {@code /api/v1/plugins} (the plugins compiled into the binary) into {@link
 * AvailableComponents}: {@code inputs}, {@code filters}, {@code outputs}, each with one entry per
 * plugin name.
 */
final class FluentBitPlugins {

  private FluentBitPlugins() {}

  static AvailableComponents toAvailableComponents(JsonNode plugins) {
    Map<String, Map<String, String>> kinds = new LinkedHashMap<>();
    for (String kind : List.of("inputs", "filters", "outputs")) {
      Map<String, String> names = new LinkedHashMap<>();
      for (JsonNode name : plugins.path(kind)) {
        names.put(name.asString(), "");
      }
      kinds.put(kind, names);
    }
    return Components.of(kinds);
  }
}
