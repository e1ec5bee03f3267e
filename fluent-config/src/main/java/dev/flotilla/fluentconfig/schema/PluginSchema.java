package dev.flotilla.fluentconfig.schema;

import java.util.List;
import java.util.Optional;

/**
 * The schema document of one plugin (or of a core section such as {@code service}) for one engine
 * version. {@code section} is where it is used: Fluent Bit's input, filter, output, processor,
 * custom, service, parser, multiline_parser, upstream, node, global.&lt;kind&gt;; Fluentd's source,
 * match, filter, system, buffer, parse, format.
 */
public record PluginSchema(
    String engine,
    String version,
    String section,
    String name,
    String description,
    String docUrl,
    List<OptionSchema> options) {

  public PluginSchema {
    options = List.copyOf(options);
  }

  /** The first option that accepts the key, as the engine's property check does. */
  public Optional<OptionSchema> option(String key) {
    for (OptionSchema o : options) {
      if (!o.isPrefix() && o.name().equalsIgnoreCase(key)) {
        return Optional.of(o);
      }
    }
    for (OptionSchema o : options) {
      if (o.matches(key)) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }

  public PluginSchema withOptions(List<OptionSchema> replacement) {
    return new PluginSchema(engine, version, section, name, description, docUrl, replacement);
  }
}
