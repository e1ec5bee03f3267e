package dev.flotilla.fluentconfig.generate;

import dev.flotilla.fluentconfig.schema.PluginSchema;
import java.util.List;
import java.util.Optional;

/** The schema documents of one engine version, as a generator produces them. */
public record SchemaSet(String engine, String version, List<PluginSchema> documents) {

  public SchemaSet {
    documents = List.copyOf(documents);
  }

  public Optional<PluginSchema> find(String section, String name) {
    return documents.stream()
        .filter(d -> d.section().equals(section) && d.name().equalsIgnoreCase(name))
        .findFirst();
  }
}
