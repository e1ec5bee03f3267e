package dev.flotilla.fluentconfig.model;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Section kinds of Fluent Bit and where each sits in the YAML-shaped paths both formats share. */
public final class FluentBitSections {
  private FluentBitSections() {}

  /** Classic section names Fluent Bit recognises (lower-case). */
  public static final Set<String> CLASSIC_KINDS =
      Set.of(
          "service",
          "input",
          "filter",
          "output",
          "custom",
          "plugins",
          "parser",
          "multiline_parser",
          "stream_processor",
          "stream_task",
          "upstream",
          "node",
          "upstream_servers");

  /** YAML top-level keys Fluent Bit recognises (lower-case). */
  public static final Set<String> YAML_KEYS =
      Set.of(
          "env",
          "includes",
          "service",
          "pipeline",
          "parsers",
          "multiline_parsers",
          "customs",
          "plugins",
          "upstream_servers",
          "stream_processor",
          "extensions");

  private static final Map<String, String> COLLECTIONS =
      Map.of(
          "input", "/pipeline/inputs",
          "filter", "/pipeline/filters",
          "output", "/pipeline/outputs",
          "parser", "/parsers",
          "multiline_parser", "/multiline_parsers",
          "custom", "/customs",
          "plugins", "/plugins",
          "upstream", "/upstream_servers",
          "stream_processor", "/stream_processor",
          "stream_task", "/stream_processor");

  /** The collection path of a kind: {@code input} → {@code /pipeline/inputs}. */
  public static String collection(String kind) {
    String k = kind.toLowerCase(Locale.ROOT);
    return COLLECTIONS.getOrDefault(k, "/" + k);
  }

  /** The path of the {@code index}-th section of a kind; the first service is {@code /service}. */
  public static String path(String kind, int index) {
    if (kind.equalsIgnoreCase("service")) {
      return index == 0 ? "/service" : "/service/" + index;
    }
    return collection(kind) + "/" + index;
  }
}
