package dev.flotilla.fluentconfig.model;

import dev.flotilla.fluentconfig.Location;
import java.util.List;
import java.util.Optional;

/**
 * A section of any of the three formats. {@code kind} is lower-case ({@code input}, {@code filter},
 * {@code output}, {@code service}, {@code parser}, {@code processor}, Fluentd's {@code source},
 * {@code match}, {@code buffer}, …). {@code argument} is the text after a Fluentd directive name or
 * the signal (logs, metrics, traces) of a YAML processor; otherwise empty.
 */
public record Section(
    String kind,
    String argument,
    List<Property> properties,
    List<Section> children,
    Location location,
    String path) {

  public Section {
    properties = List.copyOf(properties);
    children = List.copyOf(children);
  }

  /** The last value of a key, as the engines read it when a key repeats. */
  public Optional<String> value(String key) {
    String found = null;
    for (Property p : properties) {
      if (p.is(key)) {
        found = p.value();
      }
    }
    return Optional.ofNullable(found);
  }

  public Optional<Property> property(String key) {
    Property found = null;
    for (Property p : properties) {
      if (p.is(key)) {
        found = p;
      }
    }
    return Optional.ofNullable(found);
  }

  public List<Property> all(String key) {
    return properties.stream().filter(p -> p.is(key)).toList();
  }

  /** The plugin: Fluent Bit's {@code name} or Fluentd's {@code @type}. */
  public Optional<String> plugin() {
    Optional<String> name = value("name");
    return name.isPresent() ? name : value("@type");
  }
}
