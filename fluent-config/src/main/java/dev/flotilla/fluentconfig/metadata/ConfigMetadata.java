package dev.flotilla.fluentconfig.metadata;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Version metadata carried in a config file. Well-known keys: {@code config_version}, {@code
 * config_type}, {@code engine_version}, {@code source_revision}, {@code date}, {@code
 * instance_id_template}; any other {@code key: value} is kept too. Insertion order is kept.
 */
public record ConfigMetadata(Map<String, String> values) {
  public static final String CONFIG_VERSION = "config_version";
  public static final String CONFIG_TYPE = "config_type";
  public static final String ENGINE_VERSION = "engine_version";
  public static final String SOURCE_REVISION = "source_revision";
  public static final String DATE = "date";
  public static final String INSTANCE_ID_TEMPLATE = "instance_id_template";

  public ConfigMetadata {
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public static ConfigMetadata empty() {
    return new ConfigMetadata(Map.of());
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  public ConfigMetadata with(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(values);
    copy.put(key, value);
    return new ConfigMetadata(copy);
  }

  /** Values of {@code other} win. */
  public ConfigMetadata merge(ConfigMetadata other) {
    Map<String, String> copy = new LinkedHashMap<>(values);
    copy.putAll(other.values);
    return new ConfigMetadata(copy);
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }
}
